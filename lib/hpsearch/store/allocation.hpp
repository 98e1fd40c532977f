#pragma once
// Allocation: one run or resume of a search (a batch job, usually), as /allocations keeps it.
#include <cstdint>
#include <limits>
#include <string>

namespace hpsearch {

struct Allocation {
  double start = 0.0; ///< wall-clock seconds since the Unix epoch
  double end = std::numeric_limits<double>::quiet_NaN(); ///< NaN while running
  int ranks = 0;                                         ///< MPI ranks, manager included
  std::int64_t pid = 0;                                  ///< the manager's process id
  std::string job_id;      ///< batch job id ("" outside a batch system)
  std::string host;        ///< the manager's host
  std::string exit_reason; ///< schema::kExitRunning until it ends

  friend bool operator==(const Allocation& a, const Allocation& b) {
    const bool ends = a.end == b.end || (a.end != a.end && b.end != b.end); // NaN == NaN
    return a.start == b.start && ends && a.ranks == b.ranks && a.pid == b.pid &&
           a.job_id == b.job_id && a.host == b.host && a.exit_reason == b.exit_reason;
  }
};

} // namespace hpsearch
