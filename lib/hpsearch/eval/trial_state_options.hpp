#pragma once
// run.keep_trial_states: which trials' saved training states (eval/trial_state.hpp) survive
// once their trial can no longer be continued. Names only; config parses the key into it.
#include "hpsearch/core/registry.hpp"

#include <array>

namespace hpsearch {

enum class KeepTrialStates {
  none, ///< a trial's state is deleted once it is finished or stopped (the default)
  all,  ///< every state is kept (to inspect or reuse the trained models; costs disk)
};

inline constexpr Registry keep_trial_states_policies{
    "keep_trial_states policy",
    std::array{Named{"none", KeepTrialStates::none}, Named{"all", KeepTrialStates::all}}};

} // namespace hpsearch
