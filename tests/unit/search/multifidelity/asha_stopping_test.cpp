// ASHA, stopping variant (Ray Tune's ASHAScheduler), against hand-worked rung tables with
// eta = 3: every trial runs to max_fidelity; the first report at or past a rung below the
// last is judged against the (1 - 1/eta) percentile of the rung's earlier results.
#include "asha_test_util.hpp"
#include "hpsearch/search/multifidelity/asha.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::CountingSampler;
using test::end;

AshaScheduler stopping(Direction direction, std::int64_t grid = 1000) {
  const MultiFidelityOptions o = test::settings(SchedulerKind::asha, AshaVariant::stopping, 1, 9);
  return AshaScheduler(o, std::make_unique<CountingSampler>(grid), direction, 3);
}

TrialJob full(TrialId trial) {
  return {trial, Config({{"x", Value{std::int64_t{trial}}}}), 0, 9, 2};
}

constexpr auto proceed = ReportDecision::proceed;
constexpr auto stop = ReportDecision::stop;

// Maximize. Rung 0 (fidelity 1):
//   0:0.5 (first: no cutoff)   1:0.4 vs cutoff 0.5 -> stop
//   2:0.5 vs 66.7th percentile of {0.4, 0.5} = 0.4667 -> go on
//   3:0.5 vs percentile of {0.4, 0.5, 0.5} = 0.5 -> a tie goes on
// Rung 1 (fidelity 3): 0:0.9 (first) go on; 2 reports step 4 (past 3) with 0.1 -> stop.
TEST(AshaStopping, StopsTrialsBelowTheTopThirdOfEachRungSoFar) {
  AshaScheduler s = stopping(Direction::maximize);
  for (TrialId t = 0; t < 4; ++t) EXPECT_EQ(s.next(), full(t));
  EXPECT_EQ(s.report(0, 0.5, 0.1), proceed) << "below the first rung";
  EXPECT_EQ(s.report(0, 1, 0.5), proceed);
  EXPECT_EQ(s.report(1, 1, 0.4), stop);
  EXPECT_EQ(s.report(2, 1, 0.5), proceed);
  EXPECT_EQ(s.report(3, 1, 0.5), proceed);
  EXPECT_EQ(s.report(0, 2, 0.0), proceed) << "judged once per rung";
  EXPECT_EQ(s.report(0, 3, 0.9), proceed);
  EXPECT_EQ(s.report(2, 4, 0.1), stop);
  EXPECT_EQ(s.report(3, 9, 0.7), proceed)
      << "step 9 is judged at rung 1 (cutoff 0.633 of {0.9, 0.1}), the last rung never";
  EXPECT_EQ(s.report(3, std::nan(""), 0.0), proceed);
  EXPECT_EQ(s.report(3, 3, std::nan("")), proceed) << "non-finite reports never stop";
  EXPECT_EQ(s.rung(0, 0).size(), 4u);
  EXPECT_EQ(s.rung(0, 1).size(), 3u);
  EXPECT_EQ(end(s, full(1), Status::stopped), TrialDecision::stopped);
  EXPECT_EQ(end(s, full(2), Status::failed), TrialDecision::finished);
  EXPECT_EQ(end(s, full(0), 0.95), TrialDecision::finished);
  EXPECT_EQ(s.rung(0, 2).entries(), (std::vector<Rung::Entry>{{0, 0.95, true, false}}));
  EXPECT_EQ(s.report(1, 3, 1.0), proceed) << "an ended trial is not judged";
  EXPECT_EQ(s.rung(0, 1).size(), 3u);
}

// Minimize, three earlier results {0.2, 0.5, 0.8} at rung 0: the cutoff is the 33.3rd
// percentile, 0.4 (0.2 + (0.5 - 0.2) * 2/3); with 0.41 added it is 0.41.
TEST(AshaStopping, MinimizeJudgesTheLowerThird) {
  AshaScheduler s = stopping(Direction::minimize);
  for (TrialId t = 0; t < 5; ++t) s.next();
  EXPECT_EQ(s.report(0, 1, 0.5), proceed);
  EXPECT_EQ(s.report(1, 1, 0.2), proceed);
  EXPECT_EQ(s.report(2, 1, 0.8), stop);
  EXPECT_EQ(s.report(3, 1, 0.41), stop);
  EXPECT_EQ(s.report(4, 1, 0.39), proceed);
}

TEST(AshaStopping, AGridThatRunsOutEndsWhenItsTrialsHaveEnded) {
  AshaScheduler s = stopping(Direction::minimize, 2);
  EXPECT_EQ(s.next(), full(0));
  EXPECT_EQ(s.next(), full(1));
  EXPECT_EQ(s.next(), std::nullopt);
  EXPECT_FALSE(s.exhausted());
  end(s, full(0), 1.0);
  EXPECT_FALSE(s.exhausted());
  end(s, full(1), Status::timeout);
  EXPECT_TRUE(s.exhausted());
}

} // namespace
} // namespace hpsearch
