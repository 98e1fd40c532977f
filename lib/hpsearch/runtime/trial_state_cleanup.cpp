#include "hpsearch/runtime/trial_state_cleanup.hpp"

#include "hpsearch/core/config_text.hpp"
#include "hpsearch/eval/trial_state.hpp"

#include <filesystem>
#include <string_view>

namespace hpsearch {

namespace {

/// Removes `trial`'s state under `root`; true when a directory was removed.
bool remove_one(const std::string& root, TrialId trial, KeepTrialStates keep, std::ostream& warn) {
  const TrialStateRemoval r = remove_trial_state(root, trial);
  if (!r.error.empty()) {
    warn << "hpsearch: warning: " << r.error
         << " (run.keep_trial_states: " << keep_trial_states_policies.name_of(keep) << ")\n";
    return false;
  }
  return r.existed;
}

} // namespace

int remove_ended_trial_states(const Actions& actions, const std::string& trial_root,
                              KeepTrialStates keep, std::ostream& warn) {
  int removed = 0;
  if (trial_root.empty()) return removed;
  for (const Action& action : actions) {
    const auto* record = std::get_if<Record>(&action);
    if (record == nullptr || !trial_state_removable(keep, record->evaluation.decision)) continue;
    const Evaluation& ev = record->evaluation;
    removed += remove_one(trial_root, ev.trial >= 0 ? ev.trial : ev.id, keep, warn) ? 1 : 0;
  }
  return removed;
}

int remove_retired_trial_states(const std::vector<TrialId>& retired, const std::string& trial_root,
                                KeepTrialStates keep, std::ostream& warn) {
  int removed = 0;
  if (trial_root.empty() || keep != KeepTrialStates::none) return removed;
  for (const TrialId trial : retired) removed += remove_one(trial_root, trial, keep, warn) ? 1 : 0;
  return removed;
}

int remove_remaining_trial_states(const std::string& trial_root, KeepTrialStates keep,
                                  std::ostream& warn) {
  namespace fs = std::filesystem;
  int removed = 0;
  std::error_code ec;
  if (trial_root.empty() || keep != KeepTrialStates::none || !fs::is_directory(trial_root, ec)) {
    return removed;
  }
  std::vector<TrialId> left;
  constexpr std::string_view prefix = "trial-";
  for (const auto& entry : fs::directory_iterator(trial_root, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const auto id = number_token<TrialId>(std::string_view(name).substr(prefix.size()));
    if (id && *id >= 0 && trial_state_path(trial_root, *id) == entry.path().string()) {
      left.push_back(*id);
    }
  }
  for (const TrialId trial : left) removed += remove_one(trial_root, trial, keep, warn) ? 1 : 0;
  return removed;
}

} // namespace hpsearch
