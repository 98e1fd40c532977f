#include "hpsearch/runtime/trial_state_cleanup.hpp"

#include "hpsearch/eval/trial_state.hpp"

namespace hpsearch {

int remove_ended_trial_states(const Actions& actions, const std::string& trial_root,
                              KeepTrialStates keep, std::ostream& warn) {
  int removed = 0;
  if (trial_root.empty()) return removed;
  for (const Action& action : actions) {
    const auto* record = std::get_if<Record>(&action);
    if (record == nullptr || !trial_state_removable(keep, record->evaluation.decision)) continue;
    const Evaluation& ev = record->evaluation;
    const TrialStateRemoval r = remove_trial_state(trial_root, ev.trial >= 0 ? ev.trial : ev.id);
    if (!r.error.empty()) {
      warn << "hpsearch: warning: " << r.error
           << " (run.keep_trial_states: " << keep_trial_states_policies.name_of(keep) << ")\n";
    } else if (r.existed) {
      ++removed;
    }
  }
  return removed;
}

} // namespace hpsearch
