#pragma once
// ThreadClock: the calling thread's CPU time and the time it spent runnable but waiting for
// a CPU (Linux's /proc/thread-self/schedstat). Wall-clock intervals measured under foreign
// load mix the program's own work and waits with the scheduler's delays; the run-queue
// wait is the scheduler's share, so "wall minus run-queue wait" is what the program itself
// caused (its CPU, its sleeps on locks, fits and I/O), whatever else the machine runs.
#include <optional>
#include <sys/types.h>

namespace hpsearch {

class ThreadClock {
public:
  struct Reading {
    double cpu = 0.0;      ///< seconds on a CPU
    double runqueue = 0.0; ///< seconds runnable, waiting for a CPU
  };

  ThreadClock() = default;
  ~ThreadClock();
  ThreadClock(const ThreadClock&) = delete;
  ThreadClock& operator=(const ThreadClock&) = delete;

  /// The calling thread's reading. Opens the thread's schedstat file on first use (and
  /// again when called from another thread). Without schedstat (not Linux, or a kernel
  /// without CONFIG_SCHED_INFO) `cpu` comes from CLOCK_THREAD_CPUTIME_ID and `runqueue`
  /// is 0; available() then says false.
  Reading read();
  /// Whether the run-queue wait is measured (known after the first read()).
  bool available() const { return fd_ >= 0; }

private:
  int fd_ = -1;
  pid_t thread_ = 0;
  bool tried_ = false;
};

} // namespace hpsearch
