#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/median_stopper.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

MedianStopper stopper(Direction direction, std::int64_t min_jobs = 3, double warmup = 0.0) {
  return MedianStopper(MedianStopperOptions{direction, warmup, min_jobs});
}

TEST(MedianStopper, StopsAJobWorseThanTheMedianOfTheOthersAtTheSameStep) {
  auto rule = stopper(Direction::minimize);
  for (JobId j = 0; j < 3; ++j) EXPECT_FALSE(rule.report(j, 1, 10.0 + static_cast<double>(j)));
  EXPECT_EQ(rule.median_of_others(99, 1), 11.0);
  EXPECT_TRUE(rule.report(3, 1, 11.5));  // worse than 11
  EXPECT_FALSE(rule.report(4, 1, 10.5)); // better than the median of 10, 11, 12, 11.5
}

TEST(MedianStopper, AJobEqualToTheMedianContinues) {
  auto rule = stopper(Direction::minimize);
  for (JobId j = 0; j < 3; ++j) rule.report(j, 1, 10.0 + static_cast<double>(j));
  EXPECT_FALSE(rule.report(3, 1, 11.0));
}

TEST(MedianStopper, NeedsMinJobsOtherJobsAtTheStep) {
  auto rule = stopper(Direction::minimize, 3);
  rule.report(0, 1, 1.0);
  rule.report(1, 1, 1.0);
  EXPECT_FALSE(rule.report(2, 1, 100.0)) << "only 2 others reached step 1";
  EXPECT_TRUE(std::isnan(rule.median_of_others(2, 1)));
  EXPECT_TRUE(rule.report(3, 1, 100.0)) << "3 others now";
  EXPECT_FALSE(rule.report(4, 2, 100.0)) << "nobody else reached step 2";
}

TEST(MedianStopper, ComparesTheBestValueSoFarNotTheLastOne) {
  auto rule = stopper(Direction::minimize);
  for (JobId j = 0; j < 3; ++j) {
    rule.report(j, 1, 5.0);
    rule.report(j, 2, 5.0);
  }
  EXPECT_FALSE(rule.report(7, 1, 1.0));
  EXPECT_FALSE(rule.report(7, 2, 50.0)) << "its best so far, 1.0, beats the median 5.0";
}

TEST(MedianStopper, OthersCountWithTheirBestSoFarAtTheStep) {
  auto rule = stopper(Direction::minimize);
  for (JobId j = 0; j < 3; ++j) {
    rule.report(j, 1, 1.0);
    rule.report(j, 2, 9.0); // got worse: best so far at step 2 stays 1.0
  }
  EXPECT_EQ(rule.median_of_others(99, 2), 1.0);
  EXPECT_TRUE(rule.report(5, 2, 2.0));
}

TEST(MedianStopper, MaximizeStopsJobsBelowTheMedian) {
  auto rule = stopper(Direction::maximize);
  for (JobId j = 0; j < 3; ++j) rule.report(j, 1, 0.5 + 0.1 * static_cast<double>(j));
  EXPECT_TRUE(rule.report(3, 1, 0.55));
  EXPECT_FALSE(rule.report(4, 1, 0.65));
}

TEST(MedianStopper, EvenCountsUseTheMeanOfTheMiddleTwo) {
  auto rule = stopper(Direction::minimize, 4);
  for (JobId j = 0; j < 4; ++j) rule.report(j, 1, static_cast<double>(j)); // 0 1 2 3
  EXPECT_EQ(rule.median_of_others(99, 1), 1.5);
  EXPECT_FALSE(rule.report(4, 1, 1.5));
  EXPECT_TRUE(rule.report(5, 1, 1.6));
}

TEST(MedianStopper, NoStopBeforeTheWarmupStep) {
  auto rule = stopper(Direction::minimize, 3, 2.0);
  for (JobId j = 0; j < 3; ++j) {
    rule.report(j, 1, 1.0);
    rule.report(j, 2, 1.0);
  }
  EXPECT_FALSE(rule.report(3, 1, 100.0));
  EXPECT_TRUE(rule.report(3, 2, 100.0));
}

TEST(MedianStopper, NonFiniteValuesNeitherStopNorCount) {
  auto rule = stopper(Direction::minimize, 1);
  EXPECT_FALSE(rule.report(0, 1, std::nan("")));
  EXPECT_TRUE(std::isnan(rule.median_of_others(1, 1)));
  rule.report(0, 1, 1.0);
  EXPECT_FALSE(rule.report(1, 1, std::numeric_limits<double>::infinity()));
  EXPECT_TRUE(rule.report(2, 1, 2.0));
}

TEST(MedianStopper, ARepeatedReportReplacesTheJobsEntry) {
  auto rule = stopper(Direction::minimize, 2);
  rule.report(0, 1, 1.0);
  rule.report(0, 1, 0.5);
  rule.report(1, 1, 1.0);
  EXPECT_EQ(rule.median_of_others(9, 1), 0.75);
}

TEST(MedianStopper, RejectsMinJobsBelowOne) {
  EXPECT_THROW(stopper(Direction::minimize, 0), Error);
}

} // namespace
} // namespace hpsearch
