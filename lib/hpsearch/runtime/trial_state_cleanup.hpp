#pragma once
// Removing trial states the search no longer needs (run.keep_trial_states): after the rows
// of one event are durable, the state directory of every trial that a Record ended for good
// (finished or stopped) is removed from run.trial_dir. A paused trial keeps its state. A
// removal that fails is a warning, never a failed search: the state only costs disk.
#include "hpsearch/eval/trial_state_options.hpp"
#include "hpsearch/runtime/actions.hpp"

#include <ostream>
#include <string>

namespace hpsearch {

/// Removes the states of the trials `actions` ended (Record with a final decision), unless
/// `keep` keeps them; warnings go to `warn`. Returns how many directories were removed.
int remove_ended_trial_states(const Actions& actions, const std::string& trial_root,
                              KeepTrialStates keep, std::ostream& warn);

} // namespace hpsearch
