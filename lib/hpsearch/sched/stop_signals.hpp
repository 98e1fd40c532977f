#pragma once
// StopSignals: SIGTERM, SIGINT and SIGUSR1 become a graceful-stop request instead of
// killing the process. While an instance lives, the handlers (installed with sigaction)
// only record which signal arrived; the manager polls received() and stops dispatching,
// a worker keeps its MPI messages whole. The destructor restores the previous handlers.
//
// The one global of hpsearch lives behind this class: a signal handler receives no
// context pointer, so the flag it sets must be a lock-free std::atomic<int> with static
// storage. Only one StopSignals may exist at a time.
#include <string>

namespace hpsearch {

class StopSignals {
public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  /// The first signal received since construction (e.g. SIGTERM), or 0.
  int received() const;
  /// How many of them arrived since construction (a second one cuts a graceful stop short).
  int count() const;
  /// When the first one arrived, in monotonic_seconds() (core/clock.hpp); 0 before that.
  double received_at() const;
  /// "SIGTERM", "SIGINT", "SIGUSR1", or "signal N".
  static std::string name(int signal);
};

} // namespace hpsearch
