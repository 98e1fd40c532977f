#pragma once
// Removing trial states the search no longer needs (run.keep_trial_states: none): after the
// rows of one event are durable, the state directory of every trial that a Record ended for
// good (finished or stopped), and of every paused trial the scheduler retired (a
// synchronous rung decided without promoting it: Scheduler::take_retired), is removed from
// run.trial_dir. When the search ends for good (max_evals spent or the scheduler
// exhausted; not a stop by signal, deadline or max_time, which a later run resumes), every
// trial state left in run.trial_dir goes: no trial can be continued any more. A removal
// that fails is a warning, never a failed search: the state only costs disk.
#include "hpsearch/core/trial.hpp"
#include "hpsearch/eval/trial_state_options.hpp"
#include "hpsearch/runtime/actions.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace hpsearch {

/// Removes the states of the trials `actions` ended (Record with a final decision), unless
/// `keep` keeps them; warnings go to `warn`. Returns how many directories were removed.
int remove_ended_trial_states(const Actions& actions, const std::string& trial_root,
                              KeepTrialStates keep, std::ostream& warn);

/// Removes the states of `retired` paused trials, unless `keep` keeps them. Returns how
/// many directories were removed.
int remove_retired_trial_states(const std::vector<TrialId>& retired, const std::string& trial_root,
                                KeepTrialStates keep, std::ostream& warn);

/// At the end of a finished search: removes every trial state ("trial-<id>") left under
/// `trial_root`, unless `keep` keeps them. Returns how many directories were removed.
int remove_remaining_trial_states(const std::string& trial_root, KeepTrialStates keep,
                                  std::ostream& warn);

} // namespace hpsearch
