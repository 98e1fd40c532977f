#pragma once
// Local times in these tests are read in UTC, whatever the machine's zone.
#include <cstdlib>
#include <ctime>

namespace hpsearch::test {

/// 2024-05-01T12:00:00Z, in seconds since the epoch.
inline constexpr double kNoonUtc = 1714564800.0;

inline void use_utc() {
  setenv("TZ", "UTC", 1);
  tzset();
}

} // namespace hpsearch::test
