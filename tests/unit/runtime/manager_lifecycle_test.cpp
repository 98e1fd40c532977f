// ManagerCore driving a Scheduler (search/lifecycle): trial jobs with their fidelities,
// stop and pause decisions, paused jobs recorded ok with decision paused, free workers
// waiting while the scheduler has nothing now, and re-queued jobs keeping their trial.
#include "actions_of.hpp"
#include "hpsearch/runtime/manager_core.hpp"

#include <deque>
#include <gtest/gtest.h>
#include <limits>
#include <vector>

namespace hpsearch {
namespace {

using test::all_of;
using test::outcome;

/// Hands out the jobs queued in `jobs`; answers reports from `answers` (proceed when
/// empty); records every call; job_ended answers `ended_as`, or paused for an ok job that
/// stopped short of its to_fidelity.
class ScriptedScheduler final : public Scheduler {
public:
  std::optional<TrialJob> next() override {
    ++nexts;
    if (jobs.empty()) return std::nullopt;
    TrialJob job = jobs.front();
    jobs.pop_front();
    return job;
  }
  ReportDecision report(TrialId trial, double step, double value) override {
    reports.push_back({trial, step, value});
    if (answers.empty()) return ReportDecision::proceed;
    const ReportDecision answer = answers.front();
    answers.pop_front();
    return answer;
  }
  TrialDecision job_ended(const TrialJob& job, const Evaluation& result) override {
    ended.push_back(job);
    results.push_back(result);
    if (result.status == Status::stopped) return TrialDecision::stopped;
    if (result.status == Status::ok && result.fidelity < job.to_fidelity) {
      return TrialDecision::paused;
    }
    return TrialDecision::finished;
  }
  bool exhausted() const override { return done; }
  std::string_view name() const override { return "scripted"; }
  std::string save_state() const override { return "scripted"; }
  void restore_state(const std::string&) override {}

  std::deque<TrialJob> jobs;
  std::deque<ReportDecision> answers;
  bool done = false;
  int nexts = 0;
  std::vector<CurvePoint> reports; ///< eval_id holds the trial
  std::vector<TrialJob> ended;
  std::vector<Evaluation> results;
};

TrialJob trial_job(TrialId trial, double from, double to, std::int32_t rung) {
  Config config;
  config.set("x", std::int64_t{trial});
  return TrialJob{trial, config, from, to, rung};
}

ManagerOptions options(std::int64_t max_evals = 100) {
  ManagerOptions o;
  o.max_evals = max_evals;
  return o;
}

/// Two workers ready, one job to hand out: rank 1 runs it (its id returned), rank 2 waits.
JobId one_runs_one_waits(ScriptedScheduler& scheduler, ManagerCore& core) {
  scheduler.jobs.push_back(trial_job(0, 0.0, 1.0, 0));
  const JobId first = all_of<SendJob>(core.on_ready(1, "a", 0.0, 0.0)).at(0).job.id;
  EXPECT_TRUE(core.on_ready(2, "b", 0.0, 0.0).empty()) << "waits: no job, no shutdown";
  return first;
}

TEST(ManagerLifecycle, AJobCarriesItsTrialAndFidelitiesAndTheRecordItsLifecycle) {
  ScriptedScheduler scheduler;
  scheduler.jobs.push_back(trial_job(5, 1.0, 3.0, 1));
  ManagerCore core(scheduler, options(), 1, 0.0);
  const auto sent = all_of<SendJob>(core.on_ready(1, "h", 0.0, 0.0));
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].job.trial, 5);
  EXPECT_EQ(sent[0].job.from_fidelity, 1.0);
  EXPECT_EQ(sent[0].job.fidelity, 3.0);
  EXPECT_EQ(sent[0].rung, 1);
  const JobId id = sent[0].job.id;
  EXPECT_TRUE(core.on_progress(1, id, 2.0, 0.5, 0.0).empty());
  EXPECT_TRUE(core.on_progress(1, id, 3.0, 0.25, 0.0).empty());
  ASSERT_EQ(scheduler.reports.size(), 2U);
  EXPECT_EQ(scheduler.reports[0], (CurvePoint{5, 2.0, 0.5})) << "reported by trial, not job id";
  const auto records = all_of<Record>(core.on_result(1, id, outcome(Status::ok, 0.25), 0.0, 0.0));
  ASSERT_EQ(records.size(), 1U);
  const Evaluation& e = records[0].evaluation;
  EXPECT_EQ(e.trial, 5);
  EXPECT_EQ(e.from_fidelity, 1.0);
  EXPECT_EQ(e.fidelity, 3.0) << "the last step reported";
  EXPECT_EQ(e.rung, 1);
  EXPECT_EQ(e.decision, TrialDecision::finished);
  ASSERT_EQ(scheduler.ended.size(), 1U);
  EXPECT_EQ(scheduler.ended[0], trial_job(5, 1.0, 3.0, 1)) << "job_ended gets what next() gave";
  EXPECT_EQ(scheduler.results[0].id, id);
}

TEST(ManagerLifecycle, WithoutReportsTheFidelityReachedIsTheJobsToFidelity) {
  ScriptedScheduler scheduler;
  scheduler.jobs.push_back(trial_job(0, 0.0, 9.0, 2));
  ManagerCore core(scheduler, options(), 1, 0.0);
  const auto sent = all_of<SendJob>(core.on_ready(1, "h", 0.0, 0.0));
  const auto records =
      all_of<Record>(core.on_result(1, sent[0].job.id, outcome(Status::ok, 1.0), 0.0, 0.0));
  EXPECT_EQ(records[0].evaluation.fidelity, 9.0);
}

TEST(ManagerLifecycle, APausedJobIsSentPauseOnceAndRecordedOkPausedAtItsLastValue) {
  ScriptedScheduler scheduler;
  scheduler.jobs.push_back(trial_job(3, 0.0, 9.0, 0));
  scheduler.answers = {ReportDecision::proceed, ReportDecision::pause, ReportDecision::stop};
  ManagerCore core(scheduler, options(), 1, 0.0);
  const JobId id = all_of<SendJob>(core.on_ready(1, "h", 0.0, 0.0))[0].job.id;
  EXPECT_TRUE(core.on_progress(1, id, 1.0, 0.8, 0.0).empty());
  const auto pause = all_of<StopJob>(core.on_progress(1, id, 2.0, 0.6, 0.0));
  ASSERT_EQ(pause.size(), 1U);
  EXPECT_EQ(pause[0].decision, ReportDecision::pause);
  EXPECT_EQ(pause[0].job_id, id);
  EXPECT_TRUE(core.on_progress(1, id, 3.0, 0.5, 0.0).empty()) << "one decision per job";
  // The evaluator ends a paused job as stopped; its objective may be missing.
  const auto records = all_of<Record>(core.on_result(
      1, id, outcome(Status::stopped, std::numeric_limits<double>::quiet_NaN()), 0.0, 0.0));
  ASSERT_EQ(records.size(), 1U);
  const Evaluation& e = records[0].evaluation;
  EXPECT_EQ(e.status, Status::ok) << "samplers learn from a paused trial's value";
  EXPECT_EQ(e.objective, 0.5) << "its last reported value";
  EXPECT_EQ(e.fidelity, 3.0);
  EXPECT_EQ(e.decision, TrialDecision::paused);
  EXPECT_EQ(scheduler.results[0].status, Status::ok) << "the scheduler is told ok too";
  EXPECT_EQ(core.stats().paused, 1);
  EXPECT_EQ(core.stats().failed, 0);
  EXPECT_EQ(core.stats().stopped, 0);
  EXPECT_FALSE(core.stats().best) << "a paused trial is not a finished result";
}

TEST(ManagerLifecycle, AStoppedJobIsSentStopAndRecordedStopped) {
  ScriptedScheduler scheduler;
  scheduler.jobs.push_back(trial_job(0, 0.0, 9.0, 0));
  scheduler.answers = {ReportDecision::stop};
  ManagerCore core(scheduler, options(), 1, 0.0);
  const JobId id = all_of<SendJob>(core.on_ready(1, "h", 0.0, 0.0))[0].job.id;
  const auto stop = all_of<StopJob>(core.on_progress(1, id, 1.0, 5.0, 0.0));
  ASSERT_EQ(stop.size(), 1U);
  EXPECT_EQ(stop[0].decision, ReportDecision::stop);
  const auto records =
      all_of<Record>(core.on_result(1, id, outcome(Status::stopped, 5.0), 0.0, 0.0));
  EXPECT_EQ(records[0].evaluation.status, Status::stopped);
  EXPECT_EQ(records[0].evaluation.objective, 5.0);
  EXPECT_EQ(records[0].evaluation.decision, TrialDecision::stopped);
  EXPECT_EQ(core.stats().stopped, 1);
}

TEST(ManagerLifecycle, AFreeWorkerWaitsWhileTheSchedulerHasNothingNowAndIsServedAfterAResult) {
  ScriptedScheduler scheduler;
  ManagerCore core(scheduler, options(), 2, 0.0);
  const JobId first = one_runs_one_waits(scheduler, core);
  EXPECT_EQ(core.stop_reason(), StopReason::none);
  const int asked = scheduler.nexts;
  EXPECT_TRUE(core.on_tick(1.0).empty()) << "no busy loop: ticks do not ask the scheduler";
  EXPECT_EQ(scheduler.nexts, asked);
  // Trial 0's result frees two promotions: both workers get one.
  scheduler.jobs.push_back(trial_job(0, 1.0, 3.0, 1));
  scheduler.jobs.push_back(trial_job(1, 0.0, 1.0, 0));
  const auto actions = core.on_result(1, first, outcome(Status::ok, 1.0), 0.0, 0.0);
  ASSERT_TRUE(std::holds_alternative<Record>(actions.at(0))) << "the record comes first";
  const auto sent = all_of<SendJob>(actions);
  ASSERT_EQ(sent.size(), 2U);
  EXPECT_EQ(sent[0].rank, 1);
  EXPECT_EQ(sent[0].job.trial, 0);
  EXPECT_EQ(sent[0].job.from_fidelity, 1.0);
  EXPECT_EQ(sent[1].rank, 2);
  EXPECT_EQ(sent[1].job.trial, 1);
  EXPECT_EQ(core.stats().busy_workers, 2);
}

TEST(ManagerLifecycle, WaitingWorkersAreServedInRankOrderOncePerJobAndTheRestKeepWaiting) {
  ScriptedScheduler scheduler;
  ManagerCore core(scheduler, options(), 5, 0.0);
  scheduler.jobs.push_back(trial_job(0, 0.0, 1.0, 0));
  const JobId first = all_of<SendJob>(core.on_ready(1, "a", 0.0, 0.0)).at(0).job.id;
  for (const int rank : {5, 3, 2, 4}) {
    EXPECT_TRUE(core.on_ready(rank, "b", 0.0, 0.0).empty()) << "rank " << rank << " waits";
  }
  scheduler.jobs.push_back(trial_job(1, 0.0, 1.0, 0));
  scheduler.jobs.push_back(trial_job(2, 0.0, 1.0, 0));
  scheduler.jobs.push_back(trial_job(3, 0.0, 1.0, 0));
  const int asked = scheduler.nexts;
  const auto sent = all_of<SendJob>(core.on_result(1, first, outcome(Status::ok, 1.0), 0.0, 0.0));
  ASSERT_EQ(sent.size(), 3U);
  EXPECT_EQ(sent[0].rank, 1) << "the worker that reported first";
  EXPECT_EQ(sent[1].rank, 2) << "then the waiting ones by rank";
  EXPECT_EQ(sent[2].rank, 3);
  EXPECT_EQ(scheduler.nexts - asked, 5) << "one ask per free worker: 1, 2, 3 served, 4, 5 not";
  EXPECT_EQ(core.stats().busy_workers, 3);
  // Rank 2's result: it is served first; 4 and 5 still wait, and are asked for once each.
  scheduler.jobs.push_back(trial_job(4, 0.0, 1.0, 0));
  scheduler.jobs.push_back(trial_job(5, 0.0, 1.0, 0));
  const auto again =
      all_of<SendJob>(core.on_result(2, sent[1].job.id, outcome(Status::ok, 1.0), 0.0, 0.0));
  ASSERT_EQ(again.size(), 2U);
  EXPECT_EQ(again[0].rank, 2);
  EXPECT_EQ(again[1].rank, 4);
  // The scheduler is exhausted: rank 3 and the one still waiting (5) are shut down.
  scheduler.done = true;
  const auto last = core.on_result(3, sent[2].job.id, outcome(Status::ok, 1.0), 0.0, 0.0);
  const auto shut = all_of<ShutdownWorker>(last);
  ASSERT_EQ(shut.size(), 2U);
  EXPECT_EQ(shut[0].rank, 3);
  EXPECT_EQ(shut[1].rank, 5);
}

TEST(ManagerLifecycle, NothingNowAndNothingInFlightEndsTheSearch) {
  ScriptedScheduler scheduler;
  ManagerCore core(scheduler, options(), 2, 0.0);
  const JobId first = one_runs_one_waits(scheduler, core);
  const auto actions = core.on_result(1, first, outcome(Status::ok, 1.0), 0.0, 0.0);
  EXPECT_EQ(all_of<ShutdownWorker>(actions).size(), 2U) << "nothing could ever come: both go";
  EXPECT_TRUE(core.finished());
  EXPECT_EQ(core.stop_reason(), StopReason::exhausted);
}

TEST(ManagerLifecycle, AnExhaustedSchedulerShutsIdleWorkersDownAndLetsBusyOnesFinish) {
  ScriptedScheduler scheduler;
  scheduler.jobs.push_back(trial_job(0, 0.0, 1.0, 0));
  ManagerCore core(scheduler, options(), 2, 0.0);
  const JobId first = all_of<SendJob>(core.on_ready(1, "a", 0.0, 0.0))[0].job.id;
  scheduler.done = true;
  EXPECT_EQ(all_of<ShutdownWorker>(core.on_ready(2, "b", 0.0, 0.0)).size(), 1U);
  EXPECT_EQ(core.stop_reason(), StopReason::exhausted);
  EXPECT_FALSE(core.finished());
  const auto actions = core.on_result(1, first, outcome(Status::ok, 1.0), 0.0, 0.0);
  EXPECT_EQ(all_of<Record>(actions).size(), 1U);
  EXPECT_EQ(all_of<ShutdownWorker>(actions).size(), 1U);
  EXPECT_TRUE(core.finished());
}

TEST(ManagerLifecycle, ReQueuedJobsKeepTheirTrialFidelitiesAndRungUnderNewIds) {
  ScriptedScheduler scheduler;
  ResumePoint resume;
  resume.next_id = 20;
  Config config;
  config.set("x", std::int64_t{2});
  resume.requeue.push_back(Requeue{11, config, 9.0, 2, 3.0, 2});
  resume.requeue.push_back(Requeue{12, config, 0.0}); // written before trials: its own trial
  ManagerCore core(scheduler, options(), 2, 0.0, resume);
  const auto a = all_of<SendJob>(core.on_ready(1, "a", 0.0, 0.0));
  const auto b = all_of<SendJob>(core.on_ready(2, "b", 0.0, 0.0));
  ASSERT_EQ(a.size(), 1U);
  ASSERT_EQ(b.size(), 1U);
  EXPECT_EQ(scheduler.nexts, 0) << "re-queued jobs first";
  EXPECT_EQ(a[0].job.id, 20);
  EXPECT_EQ(a[0].requeue_of, 11);
  EXPECT_EQ(a[0].job.trial, 2);
  EXPECT_EQ(a[0].job.from_fidelity, 3.0);
  EXPECT_EQ(a[0].job.fidelity, 9.0);
  EXPECT_EQ(a[0].rung, 2);
  EXPECT_EQ(b[0].job.trial, 12);
  EXPECT_EQ(b[0].rung, -1);
  (void)core.on_result(1, 20, outcome(Status::ok, 1.0), 0.0, 0.0);
  ASSERT_EQ(scheduler.ended.size(), 1U);
  EXPECT_EQ(scheduler.ended[0], (TrialJob{2, config, 3.0, 9.0, 2}));
}

} // namespace
} // namespace hpsearch
