#pragma once
// LockOwner: what a checkpoint lock file (store/checkpoint_lock.hpp) says about the manager
// holding it, as "key value" lines:
//
//   host node17            the host it runs on (gethostname)
//   pid 12345              its pid there
//   job 987654             its batch job id; "" outside a batch system
//   scheduler slurm        the batch system of that job (sched/scheduler.hpp); "" none
//   start 4242             the process's start time in clock ticks since boot (Linux)
//   refresh 5              seconds between two heartbeats; absent in locks written
//                          before heartbeats existed (never judged by their age)
//   heartbeat 0001733456789.123   the owner's wall clock at its last heartbeat
//
// The heartbeat line is last and fixed-width, so the owner rewrites it in place.
#include <cstddef>
#include <cstdint>
#include <string>

namespace hpsearch {

struct LockOwner {
  std::string host;
  std::int64_t pid = 0;
  std::string job_id;     ///< "" outside a batch system
  std::string scheduler;  ///< "slurm", "pbs", "cobalt"; "" when none or not recorded
  std::string start_time; ///< the process's start time in clock ticks since boot (Linux)
  double refresh = 0.0;   ///< seconds between heartbeats; 0: a lock without heartbeats
  double heartbeat = 0.0; ///< the owner's wall clock at its last heartbeat; 0: none
};

/// The lock file's text; the heartbeat line (written from `heartbeat`) is last.
std::string format_lock(const LockOwner& owner);
/// The heartbeat line's value for wall time `seconds`: always heartbeat_width() characters.
std::string heartbeat_text(double seconds);
std::size_t heartbeat_width();
/// Reads format_lock's text; unknown keys are ignored, missing ones keep their defaults.
LockOwner parse_lock(const std::string& text);
/// "host H, pid P, job J".
std::string describe(const LockOwner& owner);

} // namespace hpsearch
