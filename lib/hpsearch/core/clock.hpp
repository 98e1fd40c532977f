#pragma once
// Clocks: wall time for records, a monotonic stopwatch for rates and timeouts.
#include <chrono>

namespace hpsearch {

/// Wall-clock seconds since the Unix epoch (for timestamps stored in the checkpoint).
inline double wall_seconds() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

/// Monotonic seconds since an arbitrary origin (for intervals).
inline double monotonic_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

} // namespace hpsearch
