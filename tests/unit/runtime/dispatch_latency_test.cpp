#include "hpsearch/runtime/dispatch_latency.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(DispatchLatency, MeasuresFromReceiptToSendPerWorker) {
  DispatchLatency latency;
  latency.received(1, 10.0);
  latency.received(2, 10.5);
  latency.sent(2, 10.501); // 1 ms
  latency.sent(1, 10.010); // 10 ms
  latency.sent(3, 11.0);   // nothing received from rank 3: ignored
  latency.sent(1, 12.0);   // already served: ignored
  ASSERT_EQ(latency.count(), 2U);
  EXPECT_NEAR(latency.quantile(0.5), 0.001, 1e-9);
  EXPECT_NEAR(latency.quantile(0.99), 0.010, 1e-9);
  EXPECT_THAT(latency.summary(), ::testing::HasSubstr("p99 10.000 ms"));
}

TEST(DispatchLatency, QuantilesFollowTheNearestRankRule) {
  DispatchLatency latency;
  for (int i = 1; i <= 100; ++i) {
    latency.received(i, 0.0);
    latency.sent(i, i * 1e-3);
  }
  EXPECT_NEAR(latency.quantile(0.5), 0.050, 1e-12);
  EXPECT_NEAR(latency.quantile(0.99), 0.099, 1e-12);
  EXPECT_NEAR(latency.quantile(1.0), 0.100, 1e-12);
  EXPECT_EQ(DispatchLatency().quantile(0.5), 0.0);
}

TEST(DispatchLatency, SeparatesTheManagersOwnLatencyFromWaitsForACpu) {
  DispatchLatency latency;
  latency.received(1, 10.0, {2.0, 5.0});
  latency.sent(1, 10.040, {2.001, 5.035}); // 40 ms: 35 ms runnable without a CPU, 1 ms on one
  latency.received(2, 11.0, {3.0, 6.0});
  latency.sent(2, 11.003, {3.002, 6.0});
  EXPECT_NEAR(latency.quantile(1.0), 0.040, 1e-9);
  EXPECT_NEAR(latency.own_quantile(0.5), 0.003, 1e-9);
  EXPECT_NEAR(latency.own_quantile(1.0), 0.005, 1e-9); // 4 ms asleep (a flush, a lock)
  EXPECT_NEAR(latency.cpu_quantile(0.5), 0.001, 1e-9);
  EXPECT_NEAR(latency.cpu_quantile(1.0), 0.002, 1e-9);
  EXPECT_THAT(latency.summary(),
              ::testing::HasSubstr("own (less waits for a CPU): p99 5.000 ms, max 5.000 ms; "
                                   "manager CPU: median 1.000 ms, p99 2.000 ms"));
}

} // namespace
} // namespace hpsearch
