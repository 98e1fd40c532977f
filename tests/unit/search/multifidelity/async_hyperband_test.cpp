// Asynchronous Hyperband: ASHA over several brackets, each with its own rung tables;
// bracket s starts its trials at rung s; new trials draw their bracket with Ray Tune's
// weights e^(rungs of s). Also the save/restore round trip of both schedulers.
#include "asha_test_util.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/multifidelity/asha.hpp"
#include "hpsearch/search/random_search.hpp"

#include <array>
#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::CountingSampler;
using test::end;

MultiFidelityOptions hyperband(AshaVariant variant, std::int64_t brackets = 0) {
  return test::settings(SchedulerKind::async_hyperband, variant, 1, 27, brackets);
}

// A deterministic stream for a fixed seed: the shares are Ray's e^-s / sum (0.644, 0.237,
// 0.087, 0.032) within 0.03 (over 5 standard deviations for 4000 draws).
TEST(AsyncHyperband, DrawsBracketsWithRaysWeights) {
  AshaScheduler s(hyperband(AshaVariant::promotion), std::make_unique<CountingSampler>(),
                  Direction::minimize, 11);
  ASSERT_EQ(s.brackets(), 4u);
  std::array<int, 4> count{};
  constexpr int draws = 4000;
  for (int i = 0; i < draws; ++i) {
    const TrialJob j = *s.next();
    ASSERT_EQ(j.from_fidelity, 0.0);
    ASSERT_EQ(j.to_fidelity, s.fidelities().at(static_cast<std::size_t>(j.rung)))
        << "bracket s starts at rung s";
    ++count.at(static_cast<std::size_t>(j.rung));
  }
  const double total = 1 + std::exp(-1.0) + std::exp(-2.0) + std::exp(-3.0);
  for (std::size_t b = 0; b < 4; ++b) {
    EXPECT_NEAR(count[b] / double{draws}, std::exp(-static_cast<double>(b)) / total, 0.03)
        << "bracket " << b;
  }
}

// Three trials of bracket 1 (start at rung 1, fidelity 3) reach rung 1: the best goes on to
// rung 2 of bracket 1. Bracket 0's rung 1 is untouched; bracket 0's trials stay running.
TEST(AsyncHyperband, EachBracketPromotesWithinItsOwnRungs) {
  AshaScheduler s(hyperband(AshaVariant::promotion, 2), std::make_unique<CountingSampler>(),
                  Direction::maximize, 5);
  std::vector<TrialJob> bracket1;
  while (bracket1.size() < 3) {
    const TrialJob j = *s.next();
    if (j.rung == 1) bracket1.push_back(j);
  }
  EXPECT_EQ(bracket1[0].to_fidelity, 3.0);
  EXPECT_EQ(end(s, bracket1[0], 0.2), TrialDecision::paused);
  EXPECT_EQ(end(s, bracket1[1], 0.6), TrialDecision::paused);
  EXPECT_EQ(end(s, bracket1[2], 0.4), TrialDecision::paused);
  const TrialJob promoted = *s.next();
  EXPECT_EQ(promoted.trial, bracket1[1].trial);
  EXPECT_EQ(promoted.from_fidelity, 3.0);
  EXPECT_EQ(promoted.to_fidelity, 9.0);
  EXPECT_EQ(promoted.rung, 2);
  EXPECT_EQ(s.rung(1, 1).size(), 3u);
  EXPECT_EQ(s.rung(0, 1).size(), 0u);
}

// Stopping variant: a bracket-1 trial runs to 27 and is first judged at fidelity 3.
TEST(AsyncHyperband, StoppingJudgesABracketFromItsFirstRung) {
  AshaScheduler s(hyperband(AshaVariant::stopping, 2), std::make_unique<CountingSampler>(),
                  Direction::minimize, 5);
  for (int i = 0; i < 40; ++i) EXPECT_EQ(s.next()->to_fidelity, 27.0);
  // Report fidelity 1 for every trial: only bracket 0's enter rung 0.
  for (TrialId t = 0; t < 40; ++t) EXPECT_EQ(s.report(t, 1, 1.0), ReportDecision::proceed);
  const std::size_t in_bracket0 = s.rung(0, 0).size();
  EXPECT_GT(in_bracket0, 0u);
  EXPECT_LT(in_bracket0, 40u);
  EXPECT_EQ(s.rung(1, 0).size(), 0u);
  for (TrialId t = 0; t < 40; ++t) s.report(t, 3, static_cast<double>(t));
  EXPECT_EQ(s.rung(0, 1).size() + s.rung(1, 1).size(), 40u);
}

SearchSpace two_parameters() {
  SearchSpace space;
  space.add(Parameter::real("lr", 1e-4, 1e-1, true));
  space.add(Parameter::integer("units", 8, 64));
  return space;
}

std::unique_ptr<Strategy> random_sampler(std::uint64_t seed) {
  return std::make_unique<RandomSearch>(two_parameters(), seed);
}

/// AMBS with a small forest and few candidates: fast, and still fitted after 5 results.
std::unique_ptr<Strategy> ambs_sampler(std::uint64_t seed) {
  StrategyOptions options;
  options.kind = StrategyKind::ambs;
  options.ambs.surrogate_options.n_trees = 8;
  options.ambs.candidates = 64;
  return make_strategy(options, {two_parameters(), Direction::minimize, seed});
}

template <class Drive>
void expect_round_trip(const MultiFidelityOptions& options, Drive drive,
                       std::unique_ptr<Strategy> (*sampler)(std::uint64_t) = random_sampler) {
  AshaScheduler a(options, sampler(17), Direction::minimize, 23);
  std::vector<TrialJob> running_a;
  for (int i = 0; i < 40; ++i) drive(a, running_a, i);
  const std::string saved = a.save_state();
  // A resume builds the sampler from the same run.seed; the scheduler's draws come back
  // from the state whatever its seed.
  AshaScheduler b(options, sampler(17), Direction::minimize, 1);
  b.restore_state(saved);
  EXPECT_EQ(b.save_state(), saved);
  std::vector<TrialJob> running_b = running_a;
  for (int i = 40; i < 120; ++i) {
    drive(a, running_a, i);
    drive(b, running_b, i);
    ASSERT_EQ(running_a, running_b) << "step " << i;
  }
  EXPECT_EQ(a.save_state(), b.save_state());
  EXPECT_THROW(b.restore_state("asha-scheduler 1 asha"), Error);
  EXPECT_THROW(b.restore_state(saved.substr(0, saved.size() / 2)), Error);
  MultiFidelityOptions other = options;
  other.reduction_factor = 2;
  AshaScheduler c(other, sampler(1), Direction::minimize, 1);
  EXPECT_THROW(c.restore_state(saved), Error) << "saved with other rungs";
}

/// Two of three steps start or promote a job; the third ends the oldest running one with a
/// value from its configuration and fidelity (every 7th fails); stopping reports first.
void drive(Scheduler& s, std::vector<TrialJob>& running, int step) {
  if (step % 3 != 2 || running.empty()) {
    if (auto j = s.next()) running.push_back(*j);
    return;
  }
  const TrialJob j = running.front();
  running.erase(running.begin());
  const double value = std::get<double>(*j.config.find("lr")) / j.to_fidelity;
  for (double f : {1.0, 3.0, 9.0}) {
    if (f <= j.to_fidelity && s.report(j.trial, f, value * f) == ReportDecision::stop) {
      s.job_ended(j, test::result(j, value, Status::stopped));
      return;
    }
  }
  s.job_ended(j, test::result(j, value, step % 7 == 0 ? Status::failed : Status::ok));
}

TEST(AshaState, PromotionRoundTripContinuesIdentically) {
  MultiFidelityOptions o = hyperband(AshaVariant::promotion);
  o.kind = SchedulerKind::asha;
  o.brackets = 0;
  expect_round_trip(o, drive);
}

TEST(AshaState, AsyncHyperbandStoppingRoundTripContinuesIdentically) {
  expect_round_trip(hyperband(AshaVariant::stopping, 3), drive);
}

TEST(AshaState, AsyncHyperbandPromotionRoundTripContinuesIdentically) {
  expect_round_trip(hyperband(AshaVariant::promotion), drive);
}

// AMBS as the sampler learns from every rung's results (all fidelities in one model until
// the fidelity-aware fit lands) and its state travels inside the scheduler's.
TEST(AshaState, AmbsSamplerRoundTripContinuesIdentically) {
  expect_round_trip(hyperband(AshaVariant::promotion, 2), drive, ambs_sampler);
}

} // namespace
} // namespace hpsearch
