#pragma once
// The disk the trials' saved states use (run.trial_dir, DESIGN.md §5b), for `hpsearch show`.
#include "hpsearch/store/run_paths.hpp" // default_trial_dir

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace hpsearch {

struct TrialStatesUsage {
  std::string dir;            ///< the trial directory measured
  std::string source;         ///< why this directory ("run.trial_dir", ...); "" unsaid
  bool exists = true;         ///< false: `dir` is not a directory (nothing measured)
  std::uint64_t bytes = 0;    ///< sizes of every regular file below it (symlinks not followed)
  std::size_t trial_dirs = 0; ///< its immediate subdirectories: one per trial with a state
                              ///< (trial-<id>, eval/trial_state.hpp)
};

/// The usage of `trial_dir`, or nullopt when it is not a directory. Unreadable directories
/// are skipped; when the tree changes under the walk (a running search deletes states) it
/// ends early with what it counted so far.
std::optional<TrialStatesUsage> trial_states_usage(const std::string& trial_dir);

/// trial_states_usage() that always says which directory it examined, and why (`source`):
/// exists is false when `trial_dir` is not a directory.
TrialStatesUsage examine_trial_states(const std::string& trial_dir, std::string source);

} // namespace hpsearch
