#include "hpsearch/core/error.hpp"
#include "hpsearch/search/pruner/median_pruner.hpp"
#include "hpsearch/search/pruner/pruner_factory.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

/// A MedianPruner with a bool answer: true when it stops the job.
struct Rule {
  MedianPruner pruner;
  bool report(JobId job, double step, double value) {
    return pruner.report(job, step, value) == PruneDecision::stop;
  }
  double median_of_others(JobId job, double step) const {
    return pruner.median_of_others(job, step);
  }
};

Rule stopper(Direction direction, std::int64_t min_jobs = 3, double warmup = 0.0) {
  return Rule{MedianPruner(MedianPrunerOptions{direction, warmup, min_jobs})};
}

TEST(MedianPruner, StopsAJobWorseThanTheMedianOfTheOthersAtTheSameStep) {
  auto rule = stopper(Direction::minimize);
  for (JobId j = 0; j < 3; ++j) EXPECT_FALSE(rule.report(j, 1, 10.0 + static_cast<double>(j)));
  EXPECT_EQ(rule.median_of_others(99, 1), 11.0);
  EXPECT_TRUE(rule.report(3, 1, 11.5));  // worse than 11
  EXPECT_FALSE(rule.report(4, 1, 10.5)); // better than the median of 10, 11, 12, 11.5
}

TEST(MedianPruner, AJobEqualToTheMedianContinues) {
  auto rule = stopper(Direction::minimize);
  for (JobId j = 0; j < 3; ++j) rule.report(j, 1, 10.0 + static_cast<double>(j));
  EXPECT_FALSE(rule.report(3, 1, 11.0));
}

TEST(MedianPruner, NeedsMinJobsOtherJobsAtTheStep) {
  auto rule = stopper(Direction::minimize, 3);
  rule.report(0, 1, 1.0);
  rule.report(1, 1, 1.0);
  EXPECT_FALSE(rule.report(2, 1, 100.0)) << "only 2 others reached step 1";
  EXPECT_TRUE(std::isnan(rule.median_of_others(2, 1)));
  EXPECT_TRUE(rule.report(3, 1, 100.0)) << "3 others now";
  EXPECT_FALSE(rule.report(4, 2, 100.0)) << "nobody else reached step 2";
}

TEST(MedianPruner, ComparesTheBestValueSoFarNotTheLastOne) {
  auto rule = stopper(Direction::minimize);
  for (JobId j = 0; j < 3; ++j) {
    rule.report(j, 1, 5.0);
    rule.report(j, 2, 5.0);
  }
  EXPECT_FALSE(rule.report(7, 1, 1.0));
  EXPECT_FALSE(rule.report(7, 2, 50.0)) << "its best so far, 1.0, beats the median 5.0";
}

TEST(MedianPruner, OthersCountWithTheirBestSoFarAtTheStep) {
  auto rule = stopper(Direction::minimize);
  for (JobId j = 0; j < 3; ++j) {
    rule.report(j, 1, 1.0);
    rule.report(j, 2, 9.0); // got worse: best so far at step 2 stays 1.0
  }
  EXPECT_EQ(rule.median_of_others(99, 2), 1.0);
  EXPECT_TRUE(rule.report(5, 2, 2.0));
}

TEST(MedianPruner, MaximizeStopsJobsBelowTheMedian) {
  auto rule = stopper(Direction::maximize);
  for (JobId j = 0; j < 3; ++j) rule.report(j, 1, 0.5 + 0.1 * static_cast<double>(j));
  EXPECT_TRUE(rule.report(3, 1, 0.55));
  EXPECT_FALSE(rule.report(4, 1, 0.65));
}

TEST(MedianPruner, EvenCountsUseTheMeanOfTheMiddleTwo) {
  auto rule = stopper(Direction::minimize, 4);
  for (JobId j = 0; j < 4; ++j) rule.report(j, 1, static_cast<double>(j)); // 0 1 2 3
  EXPECT_EQ(rule.median_of_others(99, 1), 1.5);
  EXPECT_FALSE(rule.report(4, 1, 1.5));
  EXPECT_TRUE(rule.report(5, 1, 1.6));
}

TEST(MedianPruner, NoStopBeforeTheWarmupStep) {
  auto rule = stopper(Direction::minimize, 3, 2.0);
  for (JobId j = 0; j < 3; ++j) {
    rule.report(j, 1, 1.0);
    rule.report(j, 2, 1.0);
  }
  EXPECT_FALSE(rule.report(3, 1, 100.0));
  EXPECT_TRUE(rule.report(3, 2, 100.0));
}

TEST(MedianPruner, NonFiniteValuesNeitherStopNorCount) {
  auto rule = stopper(Direction::minimize, 1);
  EXPECT_FALSE(rule.report(0, 1, std::nan("")));
  EXPECT_TRUE(std::isnan(rule.median_of_others(1, 1)));
  rule.report(0, 1, 1.0);
  EXPECT_FALSE(rule.report(1, 1, std::numeric_limits<double>::infinity()));
  EXPECT_TRUE(rule.report(2, 1, 2.0));
}

TEST(MedianPruner, ARepeatedReportReplacesTheJobsEntry) {
  auto rule = stopper(Direction::minimize, 2);
  rule.report(0, 1, 1.0);
  rule.report(0, 1, 0.5);
  rule.report(1, 1, 1.0);
  EXPECT_EQ(rule.median_of_others(9, 1), 0.75);
}

TEST(MedianPruner, RejectsMinJobsBelowOne) {
  EXPECT_THROW(stopper(Direction::minimize, 0), Error);
}

TEST(MedianPruner, AFractionalStepIsJudgedAtThatStepNotARoundedOne) {
  auto rule = stopper(Direction::minimize, 2);
  rule.report(0, 1.5, 1.0);
  rule.report(1, 1.5, 2.0);
  rule.report(2, 2.0, 0.0); // step 2 is another step: it must not count at 1.5
  EXPECT_EQ(rule.median_of_others(9, 1.5), 1.5);
  EXPECT_TRUE(std::isnan(rule.median_of_others(9, 1.0)));
  EXPECT_TRUE(rule.report(3, 1.5, 1.6));
  EXPECT_FALSE(rule.report(4, 1.0, 9.0)) << "nobody else reached step 1";
}

TEST(MedianPruner, AnEndedJobKeepsCountingAtTheStepsItReached) {
  auto rule = stopper(Direction::minimize, 2);
  rule.report(0, 1, 1.0);
  rule.report(1, 1, 2.0);
  rule.pruner.job_ended(0, Status::ok);
  rule.pruner.job_ended(1, Status::stopped);
  EXPECT_EQ(rule.median_of_others(9, 1), 1.5);
  EXPECT_TRUE(rule.report(2, 1, 3.0));
}

TEST(MedianPruner, ResumeReplaysEarlierCurves) {
  auto rule = stopper(Direction::minimize, 2);
  const std::vector<CurvePoint> curves{{0, 1, 1.0}, {0, 2, 0.5}, {1, 1, 2.0}, {1, 2, 3.0}};
  rule.pruner.resume(curves);
  // Job 1's best so far at step 2 is 2.0 (its step-1 value), job 0's is 0.5.
  EXPECT_EQ(rule.median_of_others(9, 2), 1.25);
  EXPECT_TRUE(rule.report(2, 2, 1.3));
}

TEST(PrunerFactory, NamesResolveToTheirRule) {
  EXPECT_EQ(make_pruner(PrunerOptions{}, Direction::minimize), nullptr) << "none";
  const auto median =
      make_pruner(PrunerOptions{pruner_kinds.at("median"), 0.0, 2}, Direction::maximize);
  ASSERT_NE(median, nullptr);
  EXPECT_EQ(median->name(), pruner_kinds.name_of(PrunerKind::median));
  EXPECT_EQ(pruner_kinds.names().size(), 2u);
  try {
    (void)pruner_kinds.at("medain");
    FAIL() << "an unknown name must throw";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown pruner 'medain'; did you mean 'median'?"),
              std::string::npos)
        << e.what();
  }
}

} // namespace
} // namespace hpsearch
