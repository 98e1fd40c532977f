#pragma once
// RunOptions: what `hpsearch run` was told on the command line (each overrides a run.* key
// of the problem file when given).
#include "hpsearch/store/read_guard_options.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace hpsearch {

struct RunOptions {
  std::string problem_path;
  std::optional<std::string> checkpoint; ///< overrides run.checkpoint
  std::optional<std::int64_t> max_evals; ///< overrides run.max_evals
  std::optional<std::uint64_t> seed;     ///< overrides run.seed
  std::optional<double> max_time;        ///< overrides run.max_time (seconds)
  bool fresh = false; ///< move an existing checkpoint aside (timestamp suffix), start over
  bool force = false; ///< resume even when the problem's space or strategy changed
  bool fsync = false; ///< fdatasync after every flush (node-crash durability; ~750/s measured here)
  /// Overrides run.drain: seconds a graceful stop waits for busy workers to finish their
  /// evaluation; then the run is aborted (exit 3) with their jobs recorded for re-queue.
  std::optional<double> drain;
  /// Overrides run.deadline: when the allocation ends (epoch seconds or ISO 8601).
  std::optional<std::string> deadline;
  std::optional<double> walltime_margin; ///< overrides run.walltime_margin (seconds)
  ReadGuardOptions read_guard; ///< --read-timeout: an existing checkpoint is read in a child first
  bool quiet = false;
  double progress_interval = 2.0; ///< seconds between progress lines
};

} // namespace hpsearch
