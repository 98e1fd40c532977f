// Successive halving, Hyperband and "one epoch" against hand-worked rung tables (min 1,
// max 9, eta 3: bracket_plan_test.cpp has the plans).
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/multifidelity/hyperband.hpp"
#include "hpsearch/search/multifidelity/one_epoch.hpp"
#include "hpsearch/search/multifidelity/successive_halving.hpp"
#include "sampler_double.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <iterator>
#include <limits>
#include <map>

namespace hpsearch {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

MultiFidelityOptions one_to_nine() {
  MultiFidelityOptions o;
  o.min_fidelity = 1;
  o.max_fidelity = 9;
  o.reduction_factor = 3;
  return o;
}

/// Drives a scheduler as the manager would and keeps the jobs it handed out, by trial.
struct Driver {
  explicit Driver(Scheduler& s) : scheduler(s) {}

  Scheduler& scheduler;
  std::map<TrialId, TrialJob> running;

  TrialJob next() {
    std::optional<TrialJob> job = scheduler.next();
    if (!job) throw std::runtime_error("the scheduler made a worker wait");
    running.emplace(job->trial, *job);
    return *job;
  }
  TrialDecision end(TrialId trial, double objective, Status status = Status::ok) {
    const TrialJob job = running.at(trial);
    running.erase(trial);
    Evaluation result;
    result.config = job.config;
    result.status = status;
    result.objective = status == Status::ok ? objective : kNaN;
    result.trial = trial;
    result.from_fidelity = job.from_fidelity;
    result.fidelity = job.to_fidelity;
    return scheduler.job_ended(job, result);
  }
};

void expect_job(const TrialJob& job, TrialId trial, double from, double to, int rung) {
  EXPECT_EQ(job.trial, trial);
  EXPECT_EQ(job.from_fidelity, from) << "trial " << trial;
  EXPECT_EQ(job.to_fidelity, to) << "trial " << trial;
  EXPECT_EQ(job.rung, rung) << "trial " << trial;
}

// Rung 0: 9 trials at fidelity 1. Objectives (minimize) by trial:
//   0:5  1:3  2:8  3:1  4:failed  5:3  6:stopped  7:2  8:6
// Top 3 of the 7 usable: 3 (1), 7 (2), then 1 and 5 tie at 3: trial 1 (the lower id).
// Rung 1 (1 -> 3): 3:4  7:stopped  1:2  -> the top 1 is trial 1, continued 3 -> 9.
TEST(SuccessiveHalving, HandWorkedBracketWithTiesFailuresAndStops) {
  std::vector<Evaluation> told;
  SuccessiveHalving sh(one_to_nine(), std::make_unique<ListSampler>(1'000'000, &told),
                       Direction::minimize);
  EXPECT_EQ(sh.name(), "successive_halving");
  Driver d{sh};
  for (TrialId t = 0; t < 9; ++t) {
    const TrialJob job = d.next();
    expect_job(job, t, 0, 1, 0);
    EXPECT_EQ(job.config, Config({{"x", Value(std::int64_t{t})}}));
  }
  const std::map<TrialId, double> rung0{{0, 5}, {1, 3}, {2, 8}, {3, 1}, {5, 3}, {7, 2}, {8, 6}};
  for (const auto& [t, y] : rung0) EXPECT_EQ(d.end(t, y), TrialDecision::paused);
  EXPECT_EQ(d.end(4, 0, Status::failed), TrialDecision::finished);
  // Rung 0 waits for trial 6: a free worker starts the next bracket instead of waiting.
  expect_job(d.next(), 9, 0, 1, 0);
  EXPECT_EQ(sh.open_brackets(), 2u);
  EXPECT_EQ(d.end(6, 0, Status::stopped), TrialDecision::stopped);
  // Rung 0 complete: the older bracket's promotions come first, best first.
  expect_job(d.next(), 3, 1, 3, 1);
  expect_job(d.next(), 7, 1, 3, 1);
  expect_job(d.next(), 1, 1, 3, 1);
  expect_job(d.next(), 10, 0, 1, 0); // then the second bracket's trials
  EXPECT_EQ(d.end(3, 4), TrialDecision::paused);
  EXPECT_EQ(d.end(7, 0, Status::stopped), TrialDecision::stopped);
  EXPECT_EQ(d.end(1, 2), TrialDecision::paused);
  expect_job(d.next(), 1, 3, 9, 2);
  EXPECT_EQ(d.end(1, 0.5), TrialDecision::finished);
  EXPECT_EQ(sh.open_brackets(), 1u);
  EXPECT_FALSE(sh.exhausted());

  // The sampler was told every result, at the fidelity reached.
  ASSERT_EQ(told.size(), 13u);
  EXPECT_EQ(told[0].trial, 0);
  EXPECT_EQ(told[0].fidelity, 1.0);
  EXPECT_EQ(told[10].trial, 7);
  EXPECT_EQ(told[10].fidelity, 3.0);
  EXPECT_EQ(told[10].status, Status::stopped);
  EXPECT_EQ(told[12].trial, 1);
  EXPECT_EQ(told[12].fidelity, 9.0);
  EXPECT_EQ(told[12].objective, 0.5);
}

// The same bracket: a paused trial is retired (its state may go) once its rung is complete
// and it was not promoted, and named once; failed and stopped trials ended already.
TEST(SuccessiveHalving, PausedTrialsNotPromotedAreRetiredOnceTheirRungIsDecided) {
  SuccessiveHalving sh(one_to_nine(), std::make_unique<ListSampler>(), Direction::minimize);
  Driver d{sh};
  for (int i = 0; i < 9; ++i) d.next();
  const std::map<TrialId, double> rung0{{0, 5}, {1, 3}, {2, 8}, {3, 1}, {5, 3}, {7, 2}, {8, 6}};
  for (const auto& [t, y] : rung0) d.end(t, y);
  d.end(4, 0, Status::failed);
  EXPECT_TRUE(sh.take_retired().empty()) << "rung 0 still waits for trial 6";
  d.end(6, 0, Status::stopped);
  // Promoted 3, 7, 1; the other paused ones, by rank: 5 (3), 0 (5), 8 (6), 2 (8).
  EXPECT_EQ(sh.take_retired(), (std::vector<TrialId>{5, 0, 8, 2}));
  EXPECT_TRUE(sh.take_retired().empty()) << "each retired trial is named once";
  for (int i = 0; i < 3; ++i) d.next();
  d.end(3, 4);
  d.end(7, 0, Status::stopped);
  d.end(1, 2);
  EXPECT_EQ(sh.take_retired(), (std::vector<TrialId>{3}));
  d.next();
  EXPECT_EQ(d.end(1, 0.5), TrialDecision::finished);
  EXPECT_TRUE(sh.take_retired().empty()) << "a finished trial is not retired: it ended";
}

TEST(SuccessiveHalving, MaximizeRanksTheOtherWayAndTiesGoToTheLowerTrial) {
  SuccessiveHalving sh(one_to_nine(), std::make_unique<ListSampler>(), Direction::maximize);
  Driver d{sh};
  for (int i = 0; i < 9; ++i) d.next();
  // 0:1 1:7 2:7 3:7 4:7 5:2 6:3 7:4 8:9 -> 8, then 1 and 2 of the four tied at 7.
  const double y[] = {1, 7, 7, 7, 7, 2, 3, 4, 9};
  for (TrialId t = 8; t >= 0; --t) d.end(t, y[t]);
  expect_job(d.next(), 8, 1, 3, 1);
  expect_job(d.next(), 1, 1, 3, 1);
  expect_job(d.next(), 2, 1, 3, 1);
}

TEST(SuccessiveHalving, AnEmptyRungEndsTheBracket) {
  SuccessiveHalving sh(one_to_nine(), std::make_unique<ListSampler>(), Direction::minimize);
  Driver d{sh};
  for (int i = 0; i < 9; ++i) d.next();
  for (TrialId t = 0; t < 9; ++t) {
    EXPECT_EQ(d.end(t, 0, t % 2 == 0 ? Status::failed : Status::timeout), TrialDecision::finished);
  }
  EXPECT_EQ(sh.open_brackets(), 0u);
  expect_job(d.next(), 9, 0, 1, 0); // the next bracket: no promotion from an empty rung

  // A later rung can be empty too: every promoted trial fails at rung 1.
  for (int i = 0; i < 8; ++i) d.next();
  for (TrialId t = 9; t < 18; ++t) d.end(t, static_cast<double>(t));
  for (TrialId t : {9, 10, 11}) expect_job(d.next(), t, 1, 3, 1);
  for (TrialId t : {9, 10, 11}) d.end(t, 0, Status::failed);
  EXPECT_EQ(sh.open_brackets(), 0u);
  expect_job(d.next(), 18, 0, 1, 0);
}

TEST(SuccessiveHalving, FewerUsableTrialsThanPlannedPromoteThemAll) {
  SuccessiveHalving sh(one_to_nine(), std::make_unique<ListSampler>(), Direction::minimize);
  Driver d{sh};
  for (int i = 0; i < 9; ++i) d.next();
  for (TrialId t = 0; t < 9; ++t) d.end(t, 1.0, t == 4 ? Status::ok : Status::failed);
  expect_job(d.next(), 4, 1, 3, 1);
  expect_job(d.next(), 9, 0, 1, 0);
}

TEST(SuccessiveHalving, ASamplerThatRunsOutShrinksTheBracketAndExhausts) {
  SuccessiveHalving sh(one_to_nine(), std::make_unique<ListSampler>(4), Direction::minimize);
  Driver d{sh};
  for (int i = 0; i < 4; ++i) d.next();
  EXPECT_FALSE(sh.next().has_value()); // nothing to hand out now
  EXPECT_FALSE(sh.exhausted());
  for (TrialId t = 0; t < 4; ++t) d.end(t, 4.0 - static_cast<double>(t));
  // 4 of 9 started: rung 1 keeps max(1, 3 * 4 / 9) = 1 trial, the best.
  expect_job(d.next(), 3, 1, 3, 1);
  EXPECT_FALSE(sh.next().has_value());
  d.end(3, 0);
  expect_job(d.next(), 3, 3, 9, 2);
  EXPECT_FALSE(sh.exhausted());
  EXPECT_EQ(d.end(3, 0), TrialDecision::finished);
  EXPECT_TRUE(sh.exhausted());
  EXPECT_FALSE(sh.next().has_value());
}

TEST(Hyperband, BracketsInTurnWithoutWaiting) {
  Hyperband hb(one_to_nine(), std::make_unique<ListSampler>(), Direction::minimize);
  EXPECT_EQ(hb.name(), "hyperband");
  Driver d{hb};
  TrialId t = 0;
  for (int i = 0; i < 9; ++i) expect_job(d.next(), t++, 0, 1, 0); // s = 2
  for (int i = 0; i < 5; ++i) expect_job(d.next(), t++, 0, 3, 1); // s = 1
  for (int i = 0; i < 3; ++i) expect_job(d.next(), t++, 0, 9, 2); // s = 0
  expect_job(d.next(), t++, 0, 1, 0);                             // s = 2 again
  EXPECT_EQ(hb.open_brackets(), 4u);
  // Bracket s = 1 (trials 9..13 at fidelity 3): the best one goes on to 9, from 3.
  const double y[] = {4, 2, 9, 2, 5};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(d.end(9 + i, y[i]), TrialDecision::paused);
  expect_job(d.next(), 10, 3, 9, 2);
  EXPECT_EQ(d.end(10, 1), TrialDecision::finished);
  // Bracket s = 0 is one rung: its trials finish at once.
  for (TrialId u = 14; u < 17; ++u) EXPECT_EQ(d.end(u, 1), TrialDecision::finished);
  EXPECT_EQ(hb.open_brackets(), 2u);
}

TEST(Hyperband, BracketsSettingLimitsTheCycle) {
  MultiFidelityOptions o = one_to_nine();
  o.brackets = 1;
  Hyperband hb(o, std::make_unique<ListSampler>(), Direction::minimize);
  Driver d{hb};
  for (int i = 0; i < 18; ++i) expect_job(d.next(), i, 0, 1, 0); // s = 2, twice
}

TEST(OneEpoch, AllAtTheMinimumThenTheTopKToTheMaximum) {
  OneEpoch oe(one_to_nine(), std::make_unique<ListSampler>(), Direction::minimize);
  EXPECT_EQ(oe.name(), "one_epoch");
  Driver d{oe};
  for (TrialId t = 0; t < 9; ++t) expect_job(d.next(), t, 0, 1, 0);
  // 0:9 1:8 ... 8:1, trial 7 fails, trial 8 is stopped: the top 3 are 6, 5, 4.
  for (TrialId t = 0; t < 7; ++t) EXPECT_EQ(d.end(t, 9.0 - t), TrialDecision::paused);
  EXPECT_EQ(d.end(7, 0, Status::failed), TrialDecision::finished);
  EXPECT_EQ(d.end(8, 0, Status::stopped), TrialDecision::stopped);
  expect_job(d.next(), 6, 1, 9, 2);
  expect_job(d.next(), 5, 1, 9, 2);
  expect_job(d.next(), 4, 1, 9, 2);
  expect_job(d.next(), 9, 0, 1, 0); // the next round while phase 2 runs
  EXPECT_EQ(d.end(5, 0.1), TrialDecision::finished);
}

// A long random drive (jobs ending in any order, some failing or stopped): no worker ever
// waits, and every trial's jobs chain up: a trial is only continued after a job that paused
// it, from the fidelity that job reached, and is finished only at max_fidelity.
TEST(SynchronousScheduler, RandomDriveKeepsEveryWorkerBusyAndChainsTrials) {
  for (const bool hyperband : {false, true}) {
    std::unique_ptr<Scheduler> s;
    if (hyperband) {
      s = std::make_unique<Hyperband>(one_to_nine(), std::make_unique<ListSampler>(),
                                      Direction::minimize);
    } else {
      s = std::make_unique<OneEpoch>(one_to_nine(), std::make_unique<ListSampler>(),
                                     Direction::minimize);
    }
    Driver d{*s};
    Rng rng(11);
    std::map<TrialId, double> paused_at; // trials paused, at the fidelity reached
    std::map<TrialId, bool> ended_for_good;
    for (int i = 0; i < 5; ++i) d.next(); // 5 workers
    for (int step = 0; step < 3000; ++step) {
      auto it = d.running.begin();
      std::advance(it, rng.integer(0, static_cast<std::int64_t>(d.running.size()) - 1));
      const TrialJob job = it->second;
      const double u = rng.uniform();
      const Status status = u < 0.1 ? Status::failed : u < 0.15 ? Status::stopped : Status::ok;
      const TrialDecision decision = d.end(job.trial, rng.uniform(), status);
      ASSERT_FALSE(ended_for_good[job.trial]);
      if (decision == TrialDecision::paused) {
        ASSERT_LT(job.to_fidelity, 9.0);
        paused_at[job.trial] = job.to_fidelity;
      } else {
        ASSERT_TRUE(status != Status::ok || job.to_fidelity == 9.0) << job.trial;
        ended_for_good[job.trial] = true;
      }
      const TrialJob next = d.next(); // throws when a worker would wait
      if (next.from_fidelity > 0.0) {
        ASSERT_EQ(paused_at.count(next.trial), 1u) << next.trial;
        ASSERT_EQ(paused_at[next.trial], next.from_fidelity) << next.trial;
        paused_at.erase(next.trial);
      } else {
        ASSERT_EQ(paused_at.count(next.trial) + ended_for_good.count(next.trial), 0u);
      }
    }
  }
}

TEST(SynchronousScheduler, UnknownTrialIsABug) {
  SuccessiveHalving sh(one_to_nine(), std::make_unique<ListSampler>(), Direction::minimize);
  Driver d{sh};
  d.next();
  TrialJob stray;
  stray.trial = 42;
  try {
    sh.job_ended(stray, Evaluation{});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::internal_error);
  }
}

/// Runs `a` for a while (jobs in flight, promotions pending, several brackets), copies it
/// into `b` through save_state(), then drives both the same way: every answer must match.
void expect_round_trip(Scheduler& a, Scheduler& b) {
  Driver da{a};
  for (int i = 0; i < 12; ++i) da.next();
  for (TrialId t = 0; t < 8; ++t) da.end(t, std::sin(static_cast<double>(t)));
  b.restore_state(a.save_state());
  EXPECT_EQ(b.save_state(), a.save_state());
  Driver db{b};
  db.running = da.running;
  for (int step = 0; step < 200; ++step) {
    if (step % 3 != 2) {
      const std::optional<TrialJob> ja = a.next();
      ASSERT_EQ(ja, b.next()) << "step " << step;
      if (ja) {
        da.running.emplace(ja->trial, *ja);
        db.running.emplace(ja->trial, *ja);
      }
    } else if (!da.running.empty()) {
      const TrialId t = da.running.begin()->first;
      const double y = std::cos(static_cast<double>(step));
      const Status status = step % 11 == 0 ? Status::failed : Status::ok;
      ASSERT_EQ(da.end(t, y, status), db.end(t, y, status)) << "step " << step;
    }
  }
  EXPECT_EQ(b.save_state(), a.save_state());
}

TEST(SynchronousScheduler, SavedStateContinuesTheSameSearch) {
  const SearchSpace space = [] {
    SearchSpace s;
    s.add(Parameter::real("lr", 1e-5, 1e-1, true));
    s.add(Parameter::categorical("act", {std::string("relu"), std::string("tanh")}));
    return s;
  }();
  Hyperband a(one_to_nine(), make_strategy("random", {space, Direction::minimize, 7}),
              Direction::minimize);
  Hyperband b(one_to_nine(), make_strategy("random", {space, Direction::minimize, 99}),
              Direction::minimize);
  expect_round_trip(a, b);

  OneEpoch c(one_to_nine(), std::make_unique<ListSampler>(), Direction::maximize);
  OneEpoch e(one_to_nine(), std::make_unique<ListSampler>(), Direction::maximize);
  expect_round_trip(c, e);
}

TEST(SynchronousScheduler, ForeignOrCorruptStateIsRefused) {
  Hyperband hb(one_to_nine(), std::make_unique<ListSampler>(), Direction::minimize);
  SuccessiveHalving sh(one_to_nine(), std::make_unique<ListSampler>(), Direction::minimize);
  Driver d{hb};
  d.next();
  const std::string state = hb.save_state();
  EXPECT_THROW(sh.restore_state(state), Error);
  EXPECT_THROW(hb.restore_state("not a state"), Error);
  EXPECT_THROW(hb.restore_state(state.substr(0, state.size() / 2)), Error);
  std::string bad = state;
  bad.replace(bad.find("\nb "), 3, "\nq ");
  EXPECT_THROW(hb.restore_state(bad), Error);
  hb.restore_state(state); // the good one still works
  EXPECT_EQ(hb.save_state(), state);
}

} // namespace
} // namespace hpsearch
