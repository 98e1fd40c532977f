#pragma once
// RunPaths: every file a run touches, resolved once from the command line and the problem
// file, and handed as one value to whoever needs a path (the manager's lock and checkpoint,
// the command evaluator's work directory).
//
// Rules: the checkpoint is --checkpoint, else run.checkpoint, else the problem file's stem
// + ".h5" in the working directory; its lock is "<checkpoint>.lock" (CheckpointLock); the
// work directory is run.workdir, else the checkpoint without ".h5" + ".work"
// ("runs/search.h5" -> "runs/search.work"); the trials' state directory (eval/trial_state.hpp)
// is run.trial_dir, else the checkpoint without ".h5" + ".trials" ("runs/search.trials").
// Relative paths are kept relative to the working directory, as given.
#include <optional>
#include <string>

namespace hpsearch {

struct RunPaths {
  std::string checkpoint;
  std::string lock;
  std::string workdir;
  std::string trial_dir;
};

/// The trial directory when run.trial_dir is not set: the checkpoint without ".h5" +
/// ".trials" (also what `show` measures).
std::string default_trial_dir(const std::string& checkpoint);

/// `checkpoint_override`: --checkpoint; `run_checkpoint`, `run_workdir`, `run_trial_dir`:
/// run.checkpoint, run.workdir and run.trial_dir of the problem file ("" when absent).
RunPaths resolve_run_paths(const std::string& problem_path,
                           const std::optional<std::string>& checkpoint_override,
                           const std::string& run_checkpoint, const std::string& run_workdir,
                           const std::string& run_trial_dir);

/// True when something (a file, a dangling symlink) is at `path`.
bool path_exists(const std::string& path);

/// `hpsearch run --fresh`: renames "search.h5" to "search.h5.20240501T120000Z" (another
/// suffix when that exists too) and returns the new name. Throws hpsearch::Error when
/// the rename fails.
std::string move_aside(const std::string& path);

} // namespace hpsearch
