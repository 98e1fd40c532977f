#pragma once
// Backoff: polite waiting for ranks that poll (DESIGN.md §1). Right after progress a rank
// yields its core between polls (sched_yield, as Open MPI's yield-when-idle does), so a
// reply that comes within `yield_window` is seen within microseconds; after that it sleeps,
// each idle wait twice as long as the last, from `min_sleep` up to `max_sleep`. Never a
// hot spin: on an oversubscribed node a spinning rank steals the core the busy ones need.
#include <algorithm>
#include <chrono>
#include <thread>

namespace hpsearch {

class Backoff {
public:
  using Clock = std::chrono::steady_clock;
  using Micros = std::chrono::microseconds;

  explicit Backoff(Micros yield_window = Micros(200), Micros min_sleep = Micros(50),
                   Micros max_sleep = Micros(1000))
      : yield_window_(yield_window), min_sleep_(min_sleep), max_sleep_(max_sleep),
        sleep_(min_sleep) {}

  /// One idle wait.
  void wait() {
    const auto now = Clock::now();
    if (!idle_) {
      idle_ = true;
      idle_since_ = now;
    }
    if (now - idle_since_ < yield_window_) {
      std::this_thread::yield();
      return;
    }
    std::this_thread::sleep_for(sleep_);
    sleep_ = std::min(sleep_ * 2, max_sleep_);
  }

  /// Progress was made: the next wait starts yielding again.
  void reset() {
    idle_ = false;
    sleep_ = min_sleep_;
  }

private:
  Micros yield_window_;
  Micros min_sleep_;
  Micros max_sleep_;
  Micros sleep_;
  bool idle_ = false;
  Clock::time_point idle_since_{};
};

} // namespace hpsearch
