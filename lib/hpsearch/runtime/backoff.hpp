#pragma once
// Backoff: polite waiting for ranks that poll (DESIGN.md §1). Each idle wait sleeps a little
// longer, from `min` up to `max`; any progress resets it. Never a hot spin: on an
// oversubscribed node a spinning rank steals the core the busy ones need.
#include <algorithm>
#include <chrono>
#include <thread>

namespace hpsearch {

class Backoff {
public:
  using Micros = std::chrono::microseconds;
  explicit Backoff(Micros min = Micros(20), Micros max = Micros(1000))
      : min_(min), max_(max), current_(min) {}

  void wait() {
    std::this_thread::sleep_for(current_);
    current_ = std::min(current_ * 2, max_);
  }
  void reset() { current_ = min_; }

private:
  Micros min_;
  Micros max_;
  Micros current_;
};

} // namespace hpsearch
