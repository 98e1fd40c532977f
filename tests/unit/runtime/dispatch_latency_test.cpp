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

} // namespace
} // namespace hpsearch
