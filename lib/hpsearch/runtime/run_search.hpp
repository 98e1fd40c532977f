#pragma once
// run_search: `hpsearch run` on every rank. Rank 0 reads and validates the problem, takes
// the checkpoint's lock and creates the checkpoint, or resumes it when it exists, before
// any rank starts work; a problem or checkpoint it rejects makes every rank exit 2. Then
// rank 0 manages and the others work until the search ends (exit 0), or a signal
// (SIGTERM, SIGINT, SIGUSR1) or the allocation's end coming within run.walltime_margin
// (sched/deadline.hpp) stops it gracefully (exit 3, resumable).
#include "hpsearch/core/error.hpp"

#include <boost/mpi/communicator.hpp>
#include <cstdint>
#include <optional>
#include <ostream>
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
  /// evaluation; then the job is aborted (MPI_Abort, exit 3) with their jobs recorded for
  /// re-queue.
  std::optional<double> drain;
  /// Overrides run.deadline: when the allocation ends (epoch seconds or ISO 8601).
  std::optional<std::string> deadline;
  std::optional<double> walltime_margin; ///< overrides run.walltime_margin (seconds)
  bool quiet = false;
  double progress_interval = 2.0; ///< seconds between progress lines
};

/// Returns the process exit code. Errors are printed to `err` by rank 0 only.
ExitCode run_search(const RunOptions& options, const boost::mpi::communicator& world,
                    std::ostream& out, std::ostream& err);

/// The checkpoint path a run uses: the override, else run.checkpoint, else the problem
/// file's stem + ".h5" in the working directory.
std::string checkpoint_path_for(const std::string& problem_path,
                                const std::optional<std::string>& override_path,
                                const std::string& from_problem);

} // namespace hpsearch
