#include "hpsearch/core/clock.hpp"
#include "hpsearch/sched/stop_trigger.hpp"

#include <csignal>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

TEST(StopTrigger, NothingHappensWithoutSignalOrDeadline) {
  const StopSignals signals;
  StopTrigger trigger(signals, Deadline{}, 300.0);
  EXPECT_FALSE(trigger.requested(wall_seconds(), monotonic_seconds()));
  EXPECT_FALSE(trigger.cut_short());
  EXPECT_EQ(trigger.reason(), "");
}

TEST(StopTrigger, ASignalStopsAndASecondOneCutsTheDrainShort) {
  const StopSignals signals;
  StopTrigger trigger(signals, Deadline{wall_seconds() + 3600.0, "--deadline"}, 300.0);
  const double before = monotonic_seconds();
  std::raise(SIGUSR1);
  EXPECT_TRUE(trigger.requested(wall_seconds(), monotonic_seconds()));
  EXPECT_EQ(trigger.reason(), "SIGUSR1");
  EXPECT_GE(trigger.triggered_at(), before); // the handler's time, on the same clock
  EXPECT_LE(trigger.triggered_at(), monotonic_seconds());
  EXPECT_FALSE(trigger.cut_short());
  std::raise(SIGTERM);
  EXPECT_TRUE(trigger.cut_short());
  EXPECT_EQ(trigger.reason(), "SIGUSR1"); // the first cause stays
}

TEST(StopTrigger, TheDeadlineStopsWithinTheMarginAndAnySignalCutsItShort) {
  const StopSignals signals;
  const double wall = wall_seconds();
  StopTrigger trigger(signals, Deadline{wall + 20.0, "--deadline"}, 15.0);
  EXPECT_FALSE(trigger.requested(wall + 4.9, 1.0));
  EXPECT_TRUE(trigger.requested(wall + 5.0, 2.0));
  EXPECT_EQ(trigger.reason(), "walltime");
  EXPECT_EQ(trigger.triggered_at(), 2.0);
  EXPECT_FALSE(trigger.cut_short());
  std::raise(SIGINT);
  EXPECT_TRUE(trigger.cut_short());
}

} // namespace
} // namespace hpsearch
