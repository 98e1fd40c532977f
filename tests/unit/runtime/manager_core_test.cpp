#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/manager_core.hpp"
#include "hpsearch/search/random_search.hpp"

#include <cmath>
#include <deque>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

/// Proposes x = 0, 1, 2, ... up to `limit` proposals, then nothing; remembers what it was told.
class CountingStrategy final : public Strategy {
public:
  explicit CountingStrategy(int limit = 1 << 30) : limit_(limit) {}
  std::optional<Config> ask() override {
    if (asked_ >= limit_) return std::nullopt;
    Config c;
    c.set("x", std::int64_t{asked_++});
    return c;
  }
  void tell(const Evaluation& e) override { told.push_back(e); }
  std::string_view name() const override { return "counting"; }
  std::string save_state() const override { return std::to_string(asked_); }
  void restore_state(const std::string& state) override { asked_ = std::stoi(state); }
  std::vector<Evaluation> told;

private:
  int limit_;
  int asked_ = 0;
};

template <class T> std::vector<T> all_of(const Actions& actions) {
  std::vector<T> out;
  for (const auto& a : actions) {
    if (const auto* x = std::get_if<T>(&a)) out.push_back(*x);
  }
  return out;
}

Outcome ok(double objective) {
  Outcome o;
  o.status = Status::ok;
  o.objective = objective;
  return o;
}

ManagerOptions options(std::int64_t max_evals) {
  ManagerOptions o;
  o.max_evals = max_evals;
  return o;
}

TEST(ManagerCore, ReadyWorkerGetsAJobAndEachResultIsRecordedBeforeTheNextJob) {
  CountingStrategy strategy;
  ManagerCore core(strategy, options(3), 1, 0.0);
  auto actions = core.on_ready(1, "node1", 0.0, 100.0);
  ASSERT_EQ(actions.size(), 1u);
  auto job = std::get<SendJob>(actions[0]);
  EXPECT_EQ(job.rank, 1);
  EXPECT_EQ(job.job.id, 0);

  actions = core.on_result(1, 0, ok(5.0), 0.1, 100.1);
  ASSERT_EQ(actions.size(), 2u);
  const auto& record = std::get<Record>(actions[0]).evaluation;
  EXPECT_EQ(record.id, 0);
  EXPECT_EQ(record.host, "node1");
  EXPECT_EQ(record.worker_rank, 1);
  EXPECT_DOUBLE_EQ(record.submitted_at, 100.0);
  EXPECT_EQ(std::get<std::int64_t>(record.config.at("x")), 0);
  EXPECT_EQ(std::get<SendJob>(actions[1]).job.id, 1);
}

TEST(ManagerCore, DispatchesExactlyMaxEvalsThenShutsEveryWorkerDown) {
  CountingStrategy strategy;
  const int workers = 3;
  ManagerCore core(strategy, options(10), workers, 0.0);
  std::deque<SendJob> running;
  int records = 0, sends = 0, shutdowns = 0;
  auto absorb = [&](const Actions& actions) {
    for (const auto& j : all_of<SendJob>(actions)) running.push_back(j);
    sends += static_cast<int>(all_of<SendJob>(actions).size());
    records += static_cast<int>(all_of<Record>(actions).size());
    shutdowns += static_cast<int>(all_of<ShutdownWorker>(actions).size());
  };
  for (int r = 1; r <= workers; ++r) absorb(core.on_ready(r, "h", 0.0, 0.0));
  while (!running.empty()) {
    const SendJob j = running.front();
    running.pop_front();
    absorb(core.on_result(j.rank, j.job.id, ok(1.0), 0.0, 0.0));
  }
  EXPECT_EQ(sends, 10);
  EXPECT_EQ(records, 10);
  EXPECT_EQ(shutdowns, workers);
  EXPECT_TRUE(core.finished());
  EXPECT_EQ(core.stop_reason(), StopReason::max_evals);
  EXPECT_EQ(strategy.told.size(), 10u);
}

TEST(ManagerCore, InTheFinalDrainEachResultShutsDownItsOwnWorkerOnly) {
  CountingStrategy strategy;
  ManagerCore core(strategy, options(4), 5, 0.0);
  std::vector<SendJob> sent;
  for (int r = 1; r <= 4; ++r) {
    for (const auto& j : all_of<SendJob>(core.on_ready(r, "h", 0.0, 0.0))) sent.push_back(j);
  }
  ASSERT_EQ(sent.size(), 4U);
  // The budget is all handed out: the fifth worker is shut down as it comes.
  const auto fifth = all_of<ShutdownWorker>(core.on_ready(5, "h", 0.0, 0.0));
  ASSERT_EQ(fifth.size(), 1U);
  EXPECT_EQ(fifth[0].rank, 5);
  for (const SendJob& j : sent) {
    const auto actions = core.on_result(j.rank, j.job.id, ok(1.0), 0.0, 0.0);
    EXPECT_EQ(all_of<Record>(actions).size(), 1U);
    const auto shut = all_of<ShutdownWorker>(actions);
    ASSERT_EQ(shut.size(), 1U) << "rank " << j.rank;
    EXPECT_EQ(shut[0].rank, j.rank);
  }
  EXPECT_TRUE(core.finished());
}

TEST(ManagerCore, AFastWorkerIsServedAtOnceWhileASlowOneRuns) {
  CountingStrategy strategy;
  ManagerCore core(strategy, options(100), 3, 0.0);
  const auto slow = std::get<SendJob>(core.on_ready(1, "h", 0.0, 0.0)[0]);
  auto fast = std::get<SendJob>(core.on_ready(2, "h", 0.0, 0.0)[0]);
  for (int i = 0; i < 5; ++i) {
    auto actions = core.on_result(2, fast.job.id, ok(i), 0.0, 0.0);
    auto next = all_of<SendJob>(actions);
    ASSERT_EQ(next.size(), 1u) << "the fast worker must get new work without waiting";
    fast = next[0];
  }
  EXPECT_EQ(core.stats().busy_workers, 2);
  EXPECT_EQ(slow.job.id, 0);
  EXPECT_EQ(core.stats().completed, 5);
}

TEST(ManagerCore, MaxTimeStopsDispatchButRecordsRunningJobs) {
  CountingStrategy strategy;
  ManagerOptions o = options(100);
  o.max_time = 10.0;
  ManagerCore core(strategy, o, 2, 0.0);
  const auto j1 = std::get<SendJob>(core.on_ready(1, "h", 0.0, 0.0)[0]);
  const auto j2 = std::get<SendJob>(core.on_ready(2, "h", 0.0, 0.0)[0]);
  EXPECT_TRUE(core.on_tick(5.0).empty());
  EXPECT_TRUE(core.on_tick(10.5).empty()); // both busy: nobody to release yet
  EXPECT_EQ(core.stop_reason(), StopReason::max_time);
  auto actions = core.on_result(1, j1.job.id, ok(1.0), 11.0, 0.0);
  EXPECT_EQ(all_of<Record>(actions).size(), 1u);
  EXPECT_EQ(all_of<SendJob>(actions).size(), 0u);
  EXPECT_EQ(all_of<ShutdownWorker>(actions).size(), 1u);
  EXPECT_FALSE(core.finished());
  core.on_result(2, j2.job.id, ok(2.0), 12.0, 0.0);
  EXPECT_TRUE(core.finished());
  EXPECT_EQ(core.stats().completed, 2);
}

TEST(ManagerCore, ExhaustedStrategyEndsTheSearchEarly) {
  CountingStrategy strategy(2);
  ManagerCore core(strategy, options(100), 3, 0.0);
  auto a1 = core.on_ready(1, "h", 0.0, 0.0);
  auto a2 = core.on_ready(2, "h", 0.0, 0.0);
  auto a3 = core.on_ready(3, "h", 0.0, 0.0);
  EXPECT_EQ(all_of<ShutdownWorker>(a3).size(), 1u);
  core.on_result(1, 0, ok(1.0), 0.0, 0.0);
  core.on_result(2, 1, ok(1.0), 0.0, 0.0);
  EXPECT_TRUE(core.finished());
  EXPECT_EQ(core.stop_reason(), StopReason::exhausted);
}

TEST(ManagerCore, StopRequestReleasesIdleWorkersAndAbandonsBusyOnes) {
  CountingStrategy strategy;
  ManagerCore core(strategy, options(100), 2, 0.0);
  const auto j1 = std::get<SendJob>(core.on_ready(1, "h", 0.0, 0.0)[0]);
  const auto stop = core.on_stop_request();
  ASSERT_EQ(all_of<AbandonJob>(stop).size(), 1u);
  EXPECT_EQ(all_of<AbandonJob>(stop)[0].rank, 1);
  EXPECT_EQ(all_of<ShutdownWorker>(core.on_ready(2, "h", 0.0, 0.0)).size(), 1u);
  EXPECT_FALSE(core.finished());
  EXPECT_TRUE(core.on_abandoned(1).empty());
  EXPECT_TRUE(core.finished());
  EXPECT_EQ(core.stop_reason(), StopReason::requested);
  // The abandoned job stays in flight: the checkpoint's state re-queues it on resume.
  const auto in_flight = core.in_flight();
  ASSERT_EQ(in_flight.size(), 1u);
  EXPECT_EQ(in_flight[0].job->id, j1.job.id);
  EXPECT_EQ(in_flight[0].job->config, j1.job.config);
  EXPECT_THROW(core.on_abandoned(2), Error);
}

TEST(ManagerCore, AResultThatCrossesTheAbandonIsRecordedAndNotReplaced) {
  CountingStrategy strategy;
  ManagerCore core(strategy, options(100), 1, 0.0);
  const auto j1 = std::get<SendJob>(core.on_ready(1, "h", 0.0, 0.0)[0]);
  ASSERT_EQ(all_of<AbandonJob>(core.on_stop_request()).size(), 1u);
  const auto actions = core.on_result(1, j1.job.id, ok(2.0), 0.0, 0.0);
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(std::get<Record>(actions[0]).evaluation.id, j1.job.id);
  EXPECT_TRUE(core.in_flight().empty());
  core.on_abandoned(1);
  EXPECT_TRUE(core.finished());
}

TEST(ManagerCore, ResumeServesReQueuedJobsFirstUnderNewIdsAndCountsEarlierWork) {
  CountingStrategy strategy;
  ResumePoint resume;
  resume.next_id = 10;
  resume.finished = 7;
  resume.failed = 1;
  Config lost;
  lost.set("x", std::int64_t{99});
  resume.requeue.push_back({4, lost, 3.0});
  ManagerCore core(strategy, options(9), 3, 0.0, resume);
  EXPECT_EQ(core.stats().completed, 7);
  EXPECT_EQ(core.stats().resumed, 7);
  EXPECT_EQ(core.pending_requeues().size(), 1u);
  const auto first = all_of<SendJob>(core.on_ready(1, "h", 0.0, 5.0));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].job.id, 10);
  EXPECT_EQ(first[0].job.config, lost);
  EXPECT_EQ(first[0].job.fidelity, 3.0);
  EXPECT_EQ(first[0].requeue_of, 4);
  EXPECT_TRUE(core.pending_requeues().empty());
  const auto second = all_of<SendJob>(core.on_ready(2, "h", 0.0, 5.0));
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].job.id, 11);
  EXPECT_EQ(second[0].requeue_of, -1);
  EXPECT_EQ(second[0].job.config.at("x"), Value{std::int64_t{0}}); // the strategy's first
  // 7 finished before + 2 submitted = max_evals 9: the third worker gets nothing.
  EXPECT_EQ(all_of<ShutdownWorker>(core.on_ready(3, "h", 0.0, 5.0)).size(), 1u);
  const auto rec = core.on_result(1, 10, ok(1.0), 0.0, 6.0);
  EXPECT_EQ(std::get<Record>(rec[0]).requeue_of, 4);
  EXPECT_EQ(std::get<Record>(rec[0]).evaluation.fidelity, 3.0);
  EXPECT_EQ(core.stats().completed, 8);
  EXPECT_EQ(core.next_id(), 12);
}

TEST(ManagerCore, ResumeWithTheBudgetSpentStopsAtOnce) {
  CountingStrategy strategy;
  ResumePoint resume;
  resume.finished = 5;
  ManagerCore core(strategy, options(5), 1, 0.0, resume);
  EXPECT_EQ(all_of<ShutdownWorker>(core.on_ready(1, "h", 0.0, 0.0)).size(), 1u);
  EXPECT_TRUE(core.finished());
  EXPECT_EQ(core.stop_reason(), StopReason::max_evals);
}

TEST(ManagerCore, FailuresAreRecordedWithNanAndNeverBecomeBest) {
  CountingStrategy strategy;
  ManagerCore core(strategy, options(100), 1, 0.0);
  core.on_ready(1, "h", 0.0, 0.0);
  Outcome failed;
  failed.status = Status::failed;
  failed.objective = -1e9;
  failed.message = "boom";
  auto actions = core.on_result(1, 0, failed, 0.0, 0.0);
  const auto& e = std::get<Record>(actions[0]).evaluation;
  EXPECT_TRUE(std::isnan(e.objective));
  EXPECT_EQ(e.message, "boom");
  EXPECT_FALSE(core.stats().best.has_value());
  EXPECT_EQ(core.stats().failed, 1);
  core.on_result(1, 1, ok(3.0), 0.0, 0.0);
  ASSERT_TRUE(core.stats().best.has_value());
  EXPECT_EQ(core.stats().best->id, 1);
}

TEST(ManagerCore, BestFollowsTheDirection) {
  for (Direction d : {Direction::minimize, Direction::maximize}) {
    CountingStrategy strategy;
    ManagerOptions o = options(100);
    o.direction = d;
    ManagerCore core(strategy, o, 1, 0.0);
    core.on_ready(1, "h", 0.0, 0.0);
    core.on_result(1, 0, ok(1.0), 0.0, 0.0);
    core.on_result(1, 1, ok(5.0), 0.0, 0.0);
    core.on_result(1, 2, ok(3.0), 0.0, 0.0);
    EXPECT_EQ(core.stats().best->objective, d == Direction::minimize ? 1.0 : 5.0);
  }
}

TEST(ManagerCore, JobSeedsAreDerivedFromTheRunSeedAndJobId) {
  auto seeds = [](std::uint64_t seed) {
    CountingStrategy strategy;
    ManagerOptions o = options(100);
    o.seed = seed;
    ManagerCore core(strategy, o, 1, 0.0);
    std::vector<std::uint64_t> out;
    auto job = std::get<SendJob>(core.on_ready(1, "h", 0.0, 0.0)[0]);
    for (int i = 0; i < 5; ++i) {
      out.push_back(job.job.seed);
      job = all_of<SendJob>(core.on_result(1, job.job.id, ok(1.0), 0.0, 0.0))[0];
    }
    return out;
  };
  EXPECT_EQ(seeds(42), seeds(42));
  EXPECT_NE(seeds(42), seeds(43));
}

TEST(ManagerCore, ResultFromAWorkerWithoutThatJobIsAnInternalError) {
  CountingStrategy strategy;
  ManagerCore core(strategy, options(100), 2, 0.0);
  core.on_ready(1, "h", 0.0, 0.0);
  EXPECT_THROW(core.on_result(2, 0, ok(1.0), 0.0, 0.0), Error);
  EXPECT_THROW(core.on_result(1, 7, ok(1.0), 0.0, 0.0), Error);
}

TEST(ManagerCore, RandomSearchWithOneWorkerIsDeterministic) {
  SearchSpace space;
  space.add(Parameter::real("x", -1.0, 1.0));
  space.add(Parameter::integer("n", 1, 100, true));
  auto run = [&] {
    RandomSearch strategy(space, 7);
    ManagerCore core(strategy, options(20), 1, 0.0);
    std::vector<Config> proposals;
    auto job = std::get<SendJob>(core.on_ready(1, "h", 0.0, 0.0)[0]);
    while (true) {
      proposals.push_back(job.job.config);
      auto next = all_of<SendJob>(core.on_result(1, job.job.id, ok(0.0), 0.0, 0.0));
      if (next.empty()) break;
      job = next[0];
    }
    return proposals;
  };
  const auto a = run();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_EQ(a, run());
}

} // namespace
} // namespace hpsearch
