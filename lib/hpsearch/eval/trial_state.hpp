#pragma once
// The saved training state of a trial (DESIGN.md §5b): the directory <root>/trial-<id> in
// which a trial's jobs keep what they need to continue later (model, optimizer and RNG
// state, data order, ...). <root> is run.trial_dir (store/run_paths.hpp). The evaluators
// prepare it before a job (created by the worker that runs the job) and hand it to the
// training code ({trial_dir} / HPS_TRIAL_DIR for commands, hps_trial_dir() for plugins);
// the manager removes it (remove_trial_state) once the trial can no longer be continued
// and run.keep_trial_states says so (trial_state_removable).
//
// A job with from_fidelity 0 starts its trial from scratch: a directory left by an earlier
// attempt is emptied first. A continuation job (from_fidelity > 0) finds the state its
// trial's earlier jobs left there.
#include "hpsearch/core/job.hpp"
#include "hpsearch/core/trial.hpp"
#include "hpsearch/eval/trial_state_options.hpp"

#include <cstdint>
#include <string>

namespace hpsearch {

/// The trial a job works for: Job::trial, or the job's own id when it has none (a
/// full-fidelity search: one job per trial).
TrialId trial_of(const Job& job);

/// "<root>/trial-<trial>" (root as given).
std::string trial_state_path(const std::string& root, TrialId trial);

/// Creates the state directory of `job`'s trial under `root` (and `root` itself) and
/// returns its absolute path; with job.from_fidelity 0, empties a directory an earlier
/// attempt left first. With job.donor >= 0 (population-based training), the directory is
/// replaced by a copy of the donor trial's state directory. Throws hpsearch::Error (io) naming the
/// path when the file system refuses.
std::string prepare_trial_state(const std::string& root, const Job& job);

/// True when a trial that ended with `decision` should lose its state under `keep`: with
/// KeepTrialStates::none, once it is finished or stopped (a paused trial may be continued).
bool trial_state_removable(KeepTrialStates keep, TrialDecision decision);

struct TrialStateRemoval {
  bool existed = false;    ///< there was a directory to remove
  std::uint64_t bytes = 0; ///< the bytes its regular files held (what was freed)
  std::string error;       ///< "" when removed (or absent); else why not, naming the path
};

/// Deletes the state directory of `trial` under `root`, with everything in it. Never
/// throws: a state that cannot be removed costs disk, not the run (the caller logs `error`).
TrialStateRemoval remove_trial_state(const std::string& root, TrialId trial);

/// The bytes the regular files under `path` hold (0 when it does not exist; unreadable
/// entries are skipped).
std::uint64_t directory_bytes(const std::string& path);

} // namespace hpsearch
