#include "hpsearch/core/thread_clock.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(ThreadClock, CountsThisThreadsCpuTime) {
  ThreadClock clock;
  const ThreadClock::Reading before = clock.read();
  volatile double sink = 0.0;
  for (int i = 0; i < 20'000'000; ++i) sink = sink + 1e-9 * i;
  const ThreadClock::Reading after = clock.read();
  EXPECT_GT(after.cpu - before.cpu, 0.001);
  EXPECT_GE(after.runqueue, before.runqueue);
  EXPECT_TRUE(clock.available()) << "Linux exposes /proc/thread-self/schedstat";
}

} // namespace
} // namespace hpsearch
