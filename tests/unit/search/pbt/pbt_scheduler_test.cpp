// PbtScheduler (search/pbt/pbt_scheduler.hpp): segments as trials that copy their donor's
// state, asynchronous and synchronous decisions, the pinning of donors' states, the end of
// the members, and the saved state. Member i's first configuration is x = i
// (CountingSampler); minimisation.
#include "asha_test_util.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/pbt/pbt_scheduler.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::CountingSampler;

SearchSpace x_space() {
  SearchSpace space;
  space.add(Parameter::integer("x", 0, 1000));
  return space;
}

MultiFidelityOptions pbt(std::int64_t population, double max, bool synchronous = false) {
  MultiFidelityOptions options;
  options.kind = SchedulerKind::pbt;
  options.max_fidelity = max;
  options.pbt.population = population;
  options.pbt.ready = 1.0;
  options.pbt.synchronous = synchronous;
  return options;
}

Config x(std::int64_t value) {
  return Config({{"x", Value{value}}});
}

Evaluation result(const TrialJob& job, double objective, Status status = Status::ok) {
  Evaluation e;
  e.config = job.config;
  e.status = status;
  e.objective = objective;
  e.fidelity = job.to_fidelity;
  e.trial = job.trial;
  e.from_fidelity = job.from_fidelity;
  return e;
}

struct Fixture {
  SearchSpace space = x_space();
  CountingSampler sampler;
};

TEST(PbtScheduler, TheFirstSegmentsStartFromScratchWithTheSamplersConfigurations) {
  Fixture f;
  PbtScheduler s(pbt(3, 4), f.space, f.sampler, Direction::minimize, 1);
  for (TrialId t = 0; t < 3; ++t) {
    EXPECT_EQ(s.next(), (TrialJob{t, x(t), 0.0, 1.0, -1}));
    EXPECT_EQ(s.donor_of(t), -1);
  }
  EXPECT_EQ(s.next(), std::nullopt) << "the population is complete; no ready point yet";
  EXPECT_FALSE(s.exhausted());
}

// Population 4, quantile 0.25 (one member at each end once 4 have scores).
//   member 0 ends segment 0 at 4.0: the only score -> carries on (trial 4, donor 0)
//   members 1, 2, 3 end at 3, 2, 1: each is not the bottom -> carry on (5, 6, 7)
//   member 0 ends trial 4 at 5.0: bottom, copies member 3 (its last segment: trial 3, at 1)
//   -> trial 8 from 1 to 2, donor 3, x explored from 3
TEST(PbtScheduler, AWeakMemberCopiesTheStateAndExploredConfigurationOfAStrongOne) {
  Fixture f;
  PbtScheduler s(pbt(4, 3), f.space, f.sampler, Direction::minimize, 1);
  std::vector<TrialJob> first;
  for (int i = 0; i < 4; ++i) first.push_back(*s.next());
  const double values[] = {4.0, 3.0, 2.0, 1.0};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(s.job_ended(first[i], result(first[i], values[i])), TrialDecision::paused);
    const TrialJob carry = *s.next();
    EXPECT_EQ(carry, (TrialJob{4 + i, x(i), 1.0, 2.0, -1})) << "member " << i << " carries on";
    EXPECT_EQ(s.donor_of(carry.trial), i) << "from its own saved state";
  }
  EXPECT_TRUE(s.take_retired().empty()) << "every first segment is a donor of its member";
  const TrialJob t4{4, x(0), 1.0, 2.0, -1};
  EXPECT_EQ(s.job_ended(t4, result(t4, 5.0)), TrialDecision::paused);
  const TrialJob exploit = *s.next();
  EXPECT_EQ(exploit.trial, 8);
  EXPECT_EQ(s.donor_of(8), 3) << "member 3's last segment";
  EXPECT_EQ(exploit.from_fidelity, 1.0) << "at the donor's fidelity";
  EXPECT_EQ(exploit.to_fidelity, 2.0);
  const auto explored = std::get<std::int64_t>(exploit.config.at("x"));
  EXPECT_NE(explored, 0) << "not member 0's own configuration";
  EXPECT_TRUE(explored >= 0 && explored <= 1000) << explored;
  EXPECT_EQ(s.segments()[8].member, 0U);
  EXPECT_EQ(s.take_retired(), (std::vector<TrialId>{0})) << "member 0's first segment is done";
}

/// Runs every job to its end in order (member i scores 4 - i + fidelity, minimised).
void run_to_the_end(PbtScheduler& s) {
  std::vector<TrialJob> jobs;
  while (auto job = s.next()) jobs.push_back(*job);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const TrialJob job = jobs[i];
    const auto member =
        static_cast<double>(s.segments()[static_cast<std::size_t>(job.trial)].member);
    s.job_ended(job, result(job, 4.0 - member + job.to_fidelity));
    while (auto next = s.next()) jobs.push_back(*next);
  }
  EXPECT_TRUE(s.exhausted());
}

/// Every segment of population 4 trained to fidelity 3 (minimize; member i scores
/// 4 - i + fidelity: member 3 is the best throughout); Segment::donor is the copied trial.
std::vector<PbtScheduler::Segment> ablation(PbtExploit exploit, bool explore) {
  Fixture f;
  MultiFidelityOptions options = pbt(4, 3);
  options.pbt.exploit = exploit;
  options.pbt.explore = explore;
  PbtScheduler s(options, f.space, f.sampler, Direction::minimize, 5);
  run_to_the_end(s);
  EXPECT_GE(s.segments().size(), 12U) << "4 members, at least 3 segments each";
  return s.segments();
}

TEST(PbtScheduler, WithoutExploitNoMemberCopiesAnother) {
  const auto alone = ablation(PbtExploit::none, true);
  int explored = 0;
  for (std::size_t t = 4; t < alone.size(); ++t) {
    const auto& segment = alone[t];
    ASSERT_GE(segment.donor, 0);
    EXPECT_EQ(alone[static_cast<std::size_t>(segment.donor)].member, segment.member)
        << "trial " << t << " continues its own member";
    explored += segment.config != alone[static_cast<std::size_t>(segment.donor)].config ? 1 : 0;
  }
  EXPECT_GT(explored, 0) << "explore alone perturbs a member's own hyperparameters";
  const auto random = ablation(PbtExploit::none, false);
  for (const auto& segment : random) {
    EXPECT_EQ(segment.config, x(static_cast<std::int64_t>(segment.member)))
        << "neither: every member keeps its first configuration (random search)";
  }
}

TEST(PbtScheduler, WithoutExploreACopyKeepsTheDonorsHyperparameters) {
  const auto all = ablation(PbtExploit::truncation, false);
  int copies = 0;
  for (std::size_t t = 4; t < all.size(); ++t) {
    const auto& donor = all[static_cast<std::size_t>(all[t].donor)];
    EXPECT_EQ(all[t].config, donor.config) << "trial " << t;
    copies += donor.member != all[t].member ? 1 : 0;
  }
  EXPECT_GT(copies, 0) << "the weakest member copied a stronger one";
}

TEST(PbtScheduler, ADonorsStateIsPinnedUntilEveryCopyOfItHasEnded) {
  Fixture f;
  PbtScheduler s(pbt(4, 3), f.space, f.sampler, Direction::minimize, 1);
  std::vector<TrialJob> first;
  for (int i = 0; i < 4; ++i) first.push_back(*s.next());
  const double values[] = {4.0, 3.0, 2.0, 1.0};
  std::vector<TrialJob> carry;
  for (int i = 0; i < 4; ++i) {
    s.job_ended(first[i], result(first[i], values[i]));
    carry.push_back(*s.next());
  }
  s.job_ended(carry[0], result(carry[0], 5.0)); // member 0 copies trial 3
  const TrialJob exploit = *s.next();
  ASSERT_EQ(s.donor_of(exploit.trial), 3);
  s.take_retired();
  // Member 3 moves on (trial 7 ends): trial 3 is no longer its last segment, but trial 8
  // has not copied it yet.
  EXPECT_EQ(s.job_ended(carry[3], result(carry[3], 0.5)), TrialDecision::paused);
  EXPECT_TRUE(s.take_retired().empty()) << "trial 3 is pinned by the exploit";
  // A lost job is re-run by the manager: the donor is asked again and is still there.
  EXPECT_EQ(s.donor_of(exploit.trial), 3);
  EXPECT_EQ(s.job_ended(exploit, result(exploit, 0.7)), TrialDecision::paused);
  const std::vector<TrialId> retired = s.take_retired();
  EXPECT_NE(std::find(retired.begin(), retired.end(), 3), retired.end())
      << "the copy has ended: trial 3 may go";
}

TEST(PbtScheduler, AMemberEndsAtMaxFidelityAndTheSearchWhenAllHave) {
  Fixture f;
  PbtScheduler s(pbt(2, 2), f.space, f.sampler, Direction::maximize, 1);
  TrialJob a = *s.next();
  TrialJob b = *s.next();
  EXPECT_EQ(s.job_ended(a, result(a, 1.0)), TrialDecision::paused);
  EXPECT_EQ(s.job_ended(b, result(b, 2.0)), TrialDecision::paused);
  int finished = 0;
  while (auto job = s.next()) {
    EXPECT_EQ(job->to_fidelity, 2.0);
    EXPECT_EQ(s.job_ended(*job, result(*job, 3.0)), TrialDecision::finished);
    ++finished;
  }
  EXPECT_EQ(finished, 2);
  EXPECT_TRUE(s.exhausted());
}

TEST(PbtScheduler, SynchronousDecisionsWaitForTheWholePopulation) {
  Fixture f;
  PbtScheduler s(pbt(3, 3, true), f.space, f.sampler, Direction::minimize, 1);
  std::vector<TrialJob> first;
  for (int i = 0; i < 3; ++i) first.push_back(*s.next());
  s.job_ended(first[0], result(first[0], 3.0));
  EXPECT_EQ(s.next(), std::nullopt) << "member 0 waits for the others";
  s.job_ended(first[1], result(first[1], 2.0));
  EXPECT_EQ(s.next(), std::nullopt);
  s.job_ended(first[2], result(first[2], 1.0));
  std::vector<TrialJob> second;
  while (auto job = s.next()) second.push_back(*job);
  ASSERT_EQ(second.size(), 3U) << "all three decided at once";
  EXPECT_EQ(s.donor_of(second[0].trial), 2) << "member 0, the worst, copies the best";
  EXPECT_EQ(s.donor_of(second[1].trial), 1);
  EXPECT_EQ(s.donor_of(second[2].trial), 2);
}

TEST(PbtScheduler, AFailedSegmentEndsItsMember) {
  Fixture f;
  PbtScheduler s(pbt(2, 3), f.space, f.sampler, Direction::minimize, 1);
  TrialJob a = *s.next();
  TrialJob b = *s.next();
  EXPECT_EQ(s.job_ended(a, result(a, NAN, Status::failed)), TrialDecision::finished);
  EXPECT_EQ(s.job_ended(b, result(b, 1.0)), TrialDecision::paused);
  int jobs = 0;
  while (auto job = s.next()) {
    EXPECT_EQ(s.segments()[static_cast<std::size_t>(job->trial)].member, 1U);
    s.job_ended(*job, result(*job, 1.0));
    ++jobs;
  }
  EXPECT_EQ(jobs, 2) << "member 1 trains on alone to fidelity 3";
  EXPECT_TRUE(s.exhausted());
}

MultiFidelityOptions pb2(std::int64_t population, double max) {
  MultiFidelityOptions options = pbt(population, max);
  options.kind = SchedulerKind::pb2;
  return options;
}

void expect_restored_continues_identically(const MultiFidelityOptions& options) {
  Fixture f;
  PbtScheduler s(options, f.space, f.sampler, Direction::minimize, 9);
  std::vector<TrialJob> running;
  for (int i = 0; i < 4; ++i) running.push_back(*s.next());
  const auto run = [](PbtScheduler& sched, std::vector<TrialJob> jobs, int steps) {
    std::vector<std::pair<TrialJob, TrialId>> out;
    for (int i = 0; i < steps && !jobs.empty(); ++i) {
      const TrialJob job = jobs.front();
      jobs.erase(jobs.begin());
      const double value = std::sin(static_cast<double>(job.trial) * 1.7) + job.to_fidelity;
      sched.job_ended(job, result(job, value));
      while (auto next = sched.next()) {
        out.emplace_back(*next, sched.donor_of(next->trial));
        jobs.push_back(*next);
      }
    }
    return std::make_pair(out, jobs);
  };
  const auto [head, pending] = run(s, running, 6);
  const std::string saved = s.save_state();
  Fixture g;
  PbtScheduler restored(options, g.space, g.sampler, Direction::minimize, 123);
  restored.restore_state(saved);
  EXPECT_EQ(restored.save_state(), saved);
  const auto original = run(s, pending, 12).first;
  const auto again = run(restored, pending, 12).first;
  EXPECT_FALSE(original.empty());
  EXPECT_EQ(original, again);
  EXPECT_EQ(s.take_retired(), restored.take_retired());
}

TEST(PbtScheduler, ARestoredSchedulerContinuesIdentically) {
  expect_restored_continues_identically(pbt(4, 6));
}

TEST(PbtScheduler, ARestoredPb2SchedulerContinuesIdentically) {
  expect_restored_continues_identically(pb2(4, 6));
}

TEST(PbtScheduler, AStateSavedBeforePb2HasNoScoresAndStillRestores) {
  Fixture f;
  PbtScheduler s(pbt(2, 3), f.space, f.sampler, Direction::minimize, 1);
  const TrialJob first = *s.next();
  s.job_ended(first, result(first, 1.0));
  std::string saved = s.save_state();
  const std::size_t at = saved.find("scores 2 -1 nan\n");
  ASSERT_NE(at, std::string::npos) << saved;
  EXPECT_EQ(s.segments()[0].score, -1.0) << "minimisation turned around";
  saved.erase(at, std::string("scores 2 -1 nan\n").size());
  PbtScheduler old(pbt(2, 3), f.space, f.sampler, Direction::minimize, 1);
  old.restore_state(saved);
  EXPECT_TRUE(std::isnan(old.segments()[0].score));
  EXPECT_EQ(old.segments().size(), 2U);
}

// PB2: the exploits' configurations come from the GP bandit, within the space; a member
// that carries on keeps its own.
TEST(PbtScheduler, Pb2ExploresWithinTheSpaceAndCarriesOnUnchanged) {
  Fixture f;
  PbtScheduler s(pb2(4, 8), f.space, f.sampler, Direction::minimize, 5);
  EXPECT_EQ(s.name(), "pb2");
  run_to_the_end(s);
  int exploits = 0;
  for (const PbtScheduler::Segment& seg : s.segments()) {
    const auto value = std::get<std::int64_t>(seg.config.at("x"));
    EXPECT_TRUE(value >= 0 && value <= 1000) << value;
    if (seg.donor < 0) continue;
    const PbtScheduler::Segment& donor = s.segments()[static_cast<std::size_t>(seg.donor)];
    if (donor.member == seg.member) {
      EXPECT_EQ(seg.config, donor.config) << "carries on";
    } else {
      ++exploits;
    }
  }
  EXPECT_GT(exploits, 0);
}

TEST(PbtScheduler, Pb2RefusesChoices) {
  Fixture f;
  SearchSpace space = f.space;
  space.add(Parameter::ordinal("size", {Value{std::int64_t{1}}, Value{std::int64_t{2}}}));
  EXPECT_THROW(PbtScheduler(pb2(4, 3), space, f.sampler, Direction::minimize, 1), Error);
}

TEST(PbtScheduler, BadSettingsAndStatesAreRefused) {
  Fixture f;
  EXPECT_THROW(PbtScheduler(pbt(1, 3), f.space, f.sampler, Direction::minimize, 1), Error);
  MultiFidelityOptions zero = pbt(4, 3);
  zero.pbt.ready = 0.0;
  EXPECT_THROW(PbtScheduler(zero, f.space, f.sampler, Direction::minimize, 1), Error);
  PbtScheduler s(pbt(4, 3), f.space, f.sampler, Direction::minimize, 1);
  EXPECT_THROW(s.restore_state("asha-scheduler 1\n"), Error);
  PbtScheduler other(pbt(5, 3), f.space, f.sampler, Direction::minimize, 1);
  EXPECT_THROW(s.restore_state(other.save_state()), Error) << "another population";
}

} // namespace
} // namespace hpsearch
