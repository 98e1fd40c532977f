#pragma once
// Local times in these tests are read in UTC, whatever the machine's zone.
#include <cstdlib>
#include <ctime>

namespace hpsearch::test {

inline void use_utc() {
  setenv("TZ", "UTC", 1);
  tzset();
}

} // namespace hpsearch::test
