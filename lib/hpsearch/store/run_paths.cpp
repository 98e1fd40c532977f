#include "hpsearch/store/run_paths.hpp"

#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/iso8601.hpp"
#include "hpsearch/store/checkpoint_lock.hpp"

#include <filesystem>

namespace hpsearch {

namespace fs = std::filesystem;

RunPaths resolve_run_paths(const std::string& problem_path,
                           const std::optional<std::string>& checkpoint_override,
                           const std::string& run_checkpoint, const std::string& run_workdir,
                           const std::string& run_trial_dir) {
  RunPaths paths;
  if (checkpoint_override && !checkpoint_override->empty()) {
    paths.checkpoint = *checkpoint_override;
  } else if (!run_checkpoint.empty()) {
    paths.checkpoint = run_checkpoint;
  } else {
    paths.checkpoint = fs::path(problem_path).stem().string() + ".h5";
  }
  paths.lock = CheckpointLock::lock_path(paths.checkpoint);
  fs::path stem(paths.checkpoint);
  if (stem.extension() == ".h5") stem.replace_extension();
  paths.workdir = run_workdir.empty() ? stem.string() + ".work" : run_workdir;
  paths.trial_dir = run_trial_dir.empty() ? default_trial_dir(paths.checkpoint) : run_trial_dir;
  return paths;
}

std::string default_trial_dir(const std::string& checkpoint) {
  fs::path stem(checkpoint);
  if (stem.extension() == ".h5") stem.replace_extension();
  return stem.string() + ".trials";
}

bool path_exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(path, ec));
}

std::string move_aside(const std::string& path) {
  std::string stamp = format_iso8601(wall_seconds());
  std::erase(stamp, '-');
  std::erase(stamp, ':');
  std::string target = path + "." + stamp;
  for (int i = 1; fs::exists(target); ++i) {
    target = path + "." + stamp + "-" + std::to_string(i);
  }
  std::error_code ec;
  fs::rename(path, target, ec);
  if (ec)
    throw Error::io("--fresh: cannot move '" + path + "' aside to '" + target +
                    "': " + ec.message());
  return target;
}

} // namespace hpsearch
