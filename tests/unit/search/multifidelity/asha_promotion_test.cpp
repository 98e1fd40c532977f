// ASHA, promotion variant (Li et al. 2020, Algorithm 2), against hand-worked rung tables
// with eta = 3. Trial i is configuration x = i (CountingSampler).
#include "asha_test_util.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/multifidelity/asha.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::CountingSampler;
using test::end;

MultiFidelityOptions asha(double min, double max) {
  return test::settings(SchedulerKind::asha, AshaVariant::promotion, min, max);
}

TrialJob job(TrialId trial, double from, double to, std::int32_t rung) {
  return {trial, Config({{"x", Value{std::int64_t{trial}}}}), from, to, rung};
}

AshaScheduler scheduler(double min, double max, Direction direction,
                        std::int64_t grid = std::numeric_limits<std::int64_t>::max(),
                        std::vector<Evaluation>* told = nullptr) {
  return AshaScheduler(asha(min, max), std::make_unique<CountingSampler>(grid, told), direction, 7);
}

// Rungs 1, 3, 9; minimize.
//   rung 0 results (arrival order)      quota floor(n/3)   next()
//   0:5 1:3 2:4                         1                  promote 1 (3 -> rung 1); new 3
//   + 3:2                               1 (n=4)            promote 3 (2)
//   rung 1: 1:2.5 3:1.5                 0 (n=2)            new 4
//   + 4:6, 5:7 (n=6)                    2: {3, 1} promoted new 6; + 6:8 new 7
//   + 7:0.5 (n=8)                       2: {7, 3}          promote 7
//   rung 1: + 7:1.0 (n=3)               1: {7}             promote 7 to rung 2 (highest first)
TEST(AshaPromotion, PromotesTheBestOfTheTopThirdOfTheHighestRungElseStartsATrial) {
  std::vector<Evaluation> told;
  AshaScheduler s = scheduler(1, 9, Direction::minimize, 1000, &told);
  EXPECT_EQ(s.fidelities(), (std::vector<double>{1, 3, 9}));
  for (TrialId t = 0; t < 3; ++t) EXPECT_EQ(s.next(), job(t, 0, 1, 0));
  EXPECT_EQ(end(s, job(0, 0, 1, 0), 5.0), TrialDecision::paused);
  EXPECT_EQ(s.next(), job(3, 0, 1, 0)) << "one result: the top third is empty";
  EXPECT_EQ(end(s, job(1, 0, 1, 0), 3.0), TrialDecision::paused);
  EXPECT_EQ(end(s, job(2, 0, 1, 0), 4.0), TrialDecision::paused);
  EXPECT_EQ(s.next(), job(1, 1, 3, 1)) << "trial 1 continues from its rung-0 state";
  EXPECT_EQ(s.next(), job(4, 0, 1, 0)) << "trial 1 is promoted already";
  EXPECT_EQ(end(s, job(3, 0, 1, 0), 2.0), TrialDecision::paused);
  EXPECT_EQ(s.next(), job(3, 1, 3, 1));
  EXPECT_EQ(end(s, job(1, 1, 3, 1), 2.5), TrialDecision::paused);
  EXPECT_EQ(end(s, job(3, 1, 3, 1), 1.5), TrialDecision::paused);
  EXPECT_EQ(s.next(), job(5, 0, 1, 0)) << "rung 1 holds 2 results: its top third is empty";
  EXPECT_EQ(end(s, job(4, 0, 1, 0), 6.0), TrialDecision::paused);
  EXPECT_EQ(end(s, job(5, 0, 1, 0), 7.0), TrialDecision::paused);
  EXPECT_EQ(s.next(), job(6, 0, 1, 0)) << "rung 0's top 2 (3, 1) are promoted";
  EXPECT_EQ(end(s, job(6, 0, 1, 0), 8.0), TrialDecision::paused);
  EXPECT_EQ(s.next(), job(7, 0, 1, 0));
  EXPECT_EQ(end(s, job(7, 0, 1, 0), 0.5), TrialDecision::paused);
  EXPECT_EQ(s.next(), job(7, 1, 3, 1)) << "rung 0's top 2 is now {7, 3}";
  EXPECT_EQ(end(s, job(7, 1, 3, 1), 1.0), TrialDecision::paused);
  EXPECT_EQ(s.next(), job(7, 3, 9, 2)) << "the highest rung with a candidate goes first";
  EXPECT_EQ(s.next(), job(8, 0, 1, 0));
  EXPECT_EQ(end(s, job(7, 3, 9, 2), 0.9), TrialDecision::finished);
  EXPECT_EQ(s.rung(0, 0).size(), 8u);
  EXPECT_EQ(s.rung(0, 1).size(), 3u);
  EXPECT_EQ(s.rung(0, 2).entries(), (std::vector<Rung::Entry>{{7, 0.9, true, false}}));
  ASSERT_EQ(told.size(), 12u) << "the sampler learns every job's result";
  EXPECT_EQ(told.back().fidelity, 9.0);
  EXPECT_EQ(told.back().trial, 7);
  EXPECT_EQ(told.back().rung, 2);
  EXPECT_FALSE(s.exhausted());
}

// Rungs 1, 3; maximize. Rung 0: 0 failed, 1:0.7, 2:0.7 (a tie) -> quota 1: trial 1 (the
// earlier of the tie); a failure counts in the rung's size but ranks last.
TEST(AshaPromotion, TiesGoToTheEarlierResultAndFailuresRankLast) {
  AshaScheduler s = scheduler(1, 3, Direction::maximize);
  for (TrialId t = 0; t < 3; ++t) EXPECT_EQ(s.next(), job(t, 0, 1, 0));
  EXPECT_EQ(end(s, job(0, 0, 1, 0), Status::failed), TrialDecision::finished);
  EXPECT_EQ(end(s, job(1, 0, 1, 0), 0.7), TrialDecision::paused);
  EXPECT_EQ(end(s, job(2, 0, 1, 0), 0.7), TrialDecision::paused);
  EXPECT_EQ(s.next(), job(1, 1, 3, 1));
  ASSERT_EQ(s.rung(0, 0).size(), 3u);
  EXPECT_FALSE(s.rung(0, 0).entries()[0].ok);
  EXPECT_TRUE(s.rung(0, 0).entries()[1].promoted);
  EXPECT_FALSE(s.rung(0, 0).entries()[2].promoted);
  // A failed result and a stopped one at the second rung: the trials end there.
  EXPECT_EQ(end(s, job(1, 1, 3, 1), Status::timeout), TrialDecision::finished);
  EXPECT_FALSE(s.rung(0, 1).entries().at(0).ok);
  EXPECT_EQ(s.next(), job(3, 0, 1, 0));
  EXPECT_EQ(end(s, job(3, 0, 1, 0), Status::stopped), TrialDecision::stopped);
  EXPECT_EQ(s.next(), job(4, 0, 1, 0)) << "n = 4, quota 1: trial 1, promoted already";
  EXPECT_EQ(end(s, job(4, 0, 1, 0), 0.9), TrialDecision::paused);
  EXPECT_EQ(s.next(), job(4, 1, 3, 1)) << "n = 5, quota 1: trial 4 (0.9) is now the best";
  EXPECT_EQ(s.rung(0, 0).size(), 5u);
}

TEST(AshaPromotion, ARungOfFailuresPromotesNothingAndNoWorkerEverWaits) {
  AshaScheduler s = scheduler(1, 9, Direction::minimize);
  for (TrialId t = 0; t < 9; ++t) {
    ASSERT_EQ(s.next(), job(t, 0, 1, 0)) << "empty rungs: new trials";
    EXPECT_EQ(end(s, job(t, 0, 1, 0), t % 2 ? Status::failed : Status::timeout),
              TrialDecision::finished);
  }
  EXPECT_EQ(s.next(), job(9, 0, 1, 0)) << "quota 3, but every result failed";
  EXPECT_EQ(end(s, job(9, 0, 1, 0), 4.0), TrialDecision::paused);
  EXPECT_EQ(s.next(), job(9, 1, 3, 1)) << "the one ok result is in the top 3 of 10";
}

// A grid of 4 (rungs 1, 3, 9, minimize): once it runs out, a rung's top third is
// ceil(n / 3), so the best trial still reaches the last rung.
TEST(AshaPromotion, ASamplerThatRunsOutStillFinishesItsBestTrial) {
  AshaScheduler s = scheduler(1, 9, Direction::minimize, 4);
  for (TrialId t = 0; t < 4; ++t) EXPECT_EQ(s.next(), job(t, 0, 1, 0));
  EXPECT_EQ(s.next(), std::nullopt) << "the grid is done and no result is in";
  EXPECT_FALSE(s.exhausted()) << "4 trials are running";
  for (TrialId t = 0; t < 4; ++t) end(s, job(t, 0, 1, 0), 4.0 - static_cast<double>(t));
  EXPECT_EQ(s.next(), job(3, 1, 3, 1));
  EXPECT_EQ(s.next(), job(2, 1, 3, 1)) << "ceil(4 / 3) = 2";
  EXPECT_EQ(s.next(), std::nullopt);
  EXPECT_EQ(end(s, job(3, 1, 3, 1), 0.5), TrialDecision::paused);
  EXPECT_EQ(s.next(), job(3, 3, 9, 2)) << "ceil(1 / 3) = 1";
  EXPECT_EQ(end(s, job(2, 1, 3, 1), 1.5), TrialDecision::paused);
  EXPECT_EQ(s.next(), std::nullopt) << "rung 1's top 1 of 2 is trial 3, promoted";
  EXPECT_FALSE(s.exhausted());
  EXPECT_EQ(end(s, job(3, 3, 9, 2), 0.25), TrialDecision::finished);
  EXPECT_EQ(s.next(), std::nullopt);
  EXPECT_TRUE(s.exhausted());
}

TEST(AshaPromotion, RefusesMoreBracketsThanRungs) {
  MultiFidelityOptions o = asha(1, 9);
  o.kind = SchedulerKind::async_hyperband;
  o.brackets = 4;
  EXPECT_THROW(AshaScheduler(o, std::make_unique<CountingSampler>(), Direction::minimize, 1),
               Error);
  o.brackets = 3;
  EXPECT_EQ(
      AshaScheduler(o, std::make_unique<CountingSampler>(), Direction::minimize, 1).brackets(), 3u);
}

} // namespace
} // namespace hpsearch
