#pragma once
// The per-job working directory of the command evaluator: <root>/job-<id>, holding the
// job's config.json, stdout.log and stderr.log (and whatever the script writes, such as
// result.json), removed or kept at the end of the job by the keep_workdirs policy.
#include "hpsearch/core/job.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace hpsearch {

/// run.keep_workdirs: which job directories survive their job.
enum class KeepWorkdirs {
  failed, ///< those of jobs that failed or timed out (the default)
  all,
  none,
};

std::optional<KeepWorkdirs> keep_workdirs_from_string(std::string_view name);
std::string_view to_string(KeepWorkdirs keep);

class JobWorkdir {
public:
  /// Creates <root>/job-<id> afresh (a directory left by an earlier attempt of the same
  /// job is emptied first) and writes config.json there. Throws hpsearch::Error naming the
  /// path when the file system refuses.
  JobWorkdir(const std::string& root, const Job& job);

  const std::string& path() const { return path_; }
  std::string file(std::string_view name) const { return path_ + "/" + std::string(name); }

  /// Applies `keep` to a job that ended with `status`; true when the directory was kept.
  bool finish(KeepWorkdirs keep, Status status) const;

private:
  std::string path_;
};

/// The last `count` lines of the file at `path` (at most its last 16 KiB, each line cut to
/// 400 characters), or "" when it cannot be read.
std::string tail_lines(const std::string& path, std::size_t count);
/// The last `count` lines of `text` (each cut to 400 characters); `cut_at_start`: the text
/// is the end of something longer, so its first line is partial and never shown.
std::string last_lines(std::string text, std::size_t count, bool cut_at_start = false);

/// The whole file at `path`, or nullopt when it does not exist or cannot be read.
std::optional<std::string> read_small_file(const std::string& path, std::size_t max_bytes);

} // namespace hpsearch
