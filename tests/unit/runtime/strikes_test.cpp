// Poison configurations (issue 14): strikes derived from the checkpoint, the resume that
// records a job failed at run.max_requeues abnormal ends, and the chain status the job
// scripts read. From in-memory contents: no MPI, no files.
#include "config_of_x.hpp"
#include "hpsearch/runtime/chain_status.hpp"
#include "hpsearch/runtime/resume_plan.hpp"
#include "hpsearch/runtime/strikes.hpp"
#include "hpsearch/store/space_hash.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::x;

class TellRecorder final : public Strategy {
public:
  std::optional<Config> ask() override { return Config{}; }
  void tell(const Evaluation& e) override { told.push_back(e.id); }
  std::string_view name() const override { return "random"; }
  std::string save_state() const override { return "s"; }
  void restore_state(const std::string&) override {}
  std::vector<JobId> told;
};

Problem problem(std::int64_t max_requeues) {
  Problem p;
  p.space.add(Parameter::real("x", 0.0, 1.0));
  p.search.strategy.kind = StrategyKind::random;
  p.run.max_requeues = max_requeues;
  return p;
}

Allocation allocation(const std::string& exit_reason) {
  Allocation a;
  a.exit_reason = exit_reason;
  return a;
}

/// A crash loop so far: evaluation 0 finished in allocation 0; job 1 was in flight when
/// allocation 0 ended (`first`), so allocation 1 recorded it lost and re-ran it as job 2,
/// which was in flight when allocation 1 ended (`second`).
CheckpointContents history(const std::string& first, const std::string& second) {
  const Problem p = problem(2);
  CheckpointContents c;
  c.path = "run.h5";
  c.info.strategy = "random";
  c.space_hash = space_hash_hex(p.space);
  c.space_text = canonical_space_text(p.space);
  c.parameters = {"x"};
  auto add = [&](JobId id, Status s, JobId requeue_of, std::int32_t recorded_by) {
    Evaluation e;
    e.id = id;
    e.config = x(0.5);
    e.status = s;
    e.objective = s == Status::ok ? 1.0 : std::nan("");
    c.evaluations.push_back(e);
    c.extras.push_back(RowExtras{requeue_of, recorded_by});
  };
  add(0, Status::ok, -1, 0);
  add(1, Status::lost, -1, 1);
  c.allocations = {allocation(first), allocation(second)};
  ResumeState s;
  s.saved_at = 50.0;
  s.next_id = 3;
  s.rows = 2;
  s.snapshot_rows = 2;
  s.in_flight = {PendingJob{2, x(0.5), 0.0, 40.0, 1, 1, "node7"}};
  s.strategy = "saved";
  c.state = s;
  return c;
}

TEST(Strikes, TwoAbnormalEndsRecordTheJobFailedInsteadOfRequeueingIt) {
  const Problem p = problem(2);
  TellRecorder strategy;
  const ResumePlan plan = plan_resume(history("killed", "running"), p, strategy, false);
  EXPECT_TRUE(plan.point.requeue.empty()) << "a poison configuration is not run again";
  EXPECT_TRUE(plan.lost_rows.empty());
  ASSERT_EQ(plan.failed_rows.size(), 1u);
  const auto& [row, extras] = plan.failed_rows[0];
  EXPECT_EQ(row.id, 2);
  EXPECT_EQ(row.status, Status::failed);
  EXPECT_EQ(row.host, "node7");
  EXPECT_NE(row.message.find("re-queued 2 times; each time the job ended abnormally"),
            std::string::npos)
      << row.message;
  EXPECT_EQ(extras.requeue_of, 1) << "the chain stays readable: it re-ran lost job 1";
  EXPECT_EQ(plan.point.finished, 2) << "it counts towards max_evals";
  EXPECT_EQ(plan.point.failed, 1);
  EXPECT_EQ(strategy.told.back(), 2) << "the strategy learns of the failure";
  ASSERT_FALSE(plan.warnings.empty());
  EXPECT_NE(plan.warnings.back().find("evaluation 2 recorded failed"), std::string::npos);
}

TEST(Strikes, AGracefulStopNeverCountsAStrike) {
  const Problem p = problem(2);
  // The first loss came from a graceful stop: one strike only, re-queued.
  for (const std::string graceful : {"stopped by SIGUSR1", "stopped by deadline", "max_time"}) {
    TellRecorder strategy;
    const ResumePlan plan = plan_resume(history(graceful, "running"), p, strategy, false);
    EXPECT_TRUE(plan.failed_rows.empty()) << graceful;
    ASSERT_EQ(plan.point.requeue.size(), 1u) << graceful;
    EXPECT_EQ(plan.point.requeue[0].lost_id, 2);
    ASSERT_EQ(plan.lost_rows.size(), 1u);
    EXPECT_EQ(plan.lost_rows[0].first.status, Status::lost);
  }
  // The last end was graceful: never a failure, even with max_requeues 1 and an earlier
  // abnormal end.
  for (std::int64_t max : {1, 2}) {
    TellRecorder strategy;
    const ResumePlan plan =
        plan_resume(history("killed", "stopped by SIGTERM"), problem(max), strategy, false);
    EXPECT_TRUE(plan.failed_rows.empty()) << max;
    EXPECT_EQ(plan.point.requeue.size(), 1u) << max;
    TellRecorder again;
    EXPECT_TRUE(
        plan_resume(history("stopped by SIGUSR1", "stopped by SIGUSR1"), problem(max), again, false)
            .failed_rows.empty());
  }
}

TEST(Strikes, MaxRequeuesSetsHowManyAbnormalEndsAJobSurvives) {
  TellRecorder strategy;
  // max_requeues 1: the first abnormal end fails it.
  const ResumePlan one =
      plan_resume(history("stopped by SIGUSR1", "running"), problem(1), strategy, false);
  ASSERT_EQ(one.failed_rows.size(), 1u);
  EXPECT_NE(one.failed_rows[0].first.message.find("re-queued 1 times"), std::string::npos);
  // max_requeues 3: two strikes are not enough.
  const ResumePlan three = plan_resume(history("killed", "running"), problem(3), strategy, false);
  EXPECT_TRUE(three.failed_rows.empty());
  EXPECT_EQ(three.point.requeue.size(), 1u);
}

TEST(Strikes, CountAlongTheChainOfLostRowsEachJudgedByTheAllocationItWasLostIn) {
  // Three allocations: job 1 lost at a graceful end (recorded by allocation 1), its re-run
  // 2 lost at an abnormal end (recorded by allocation 2), its re-run 3 now in flight.
  CheckpointContents c = history("stopped by SIGUSR1", "killed");
  Evaluation lost2 = c.evaluations[1];
  lost2.id = 2;
  c.evaluations.push_back(lost2);
  c.extras.push_back(RowExtras{1, 2});
  c.allocations.push_back(allocation("running"));
  const StrikeCount strikes(c);
  EXPECT_EQ(strikes.of_lost(1), 0);
  EXPECT_EQ(strikes.of_lost(2), 1);
  EXPECT_EQ(strikes.of_in_flight(2), 2);
  EXPECT_TRUE(strikes.fails(2, 2));
  EXPECT_FALSE(strikes.fails(2, 3));
  EXPECT_EQ(strikes.of_in_flight(-1), 1) << "a fresh job: its own loss only";
}

TEST(ChainStatus, CountsTrailingAbnormalAllocationsWithoutAFinishedEvaluation) {
  CheckpointContents c = history("killed", "running");
  // Allocation 1 recorded nothing finished: one stalled link; allocation 0 made progress.
  ChainStatus s = chain_status(c, 2);
  EXPECT_EQ(s.finished, 1);
  EXPECT_EQ(s.allocations, 2);
  EXPECT_TRUE(s.last_abnormal);
  EXPECT_EQ(s.stalled, 1);
  EXPECT_EQ(s.to_fail, 1) << "job 2 reached 2 strikes: the next link records it";
  EXPECT_EQ(chain_status(c, 3).to_fail, 0);
  // Allocation 0 without progress too: two stalled links.
  c.evaluations[0].status = Status::lost;
  EXPECT_EQ(chain_status(c, 2).stalled, 2);
  // A graceful last end: nothing stalled, nothing to fail.
  c.allocations[1].exit_reason = "stopped by SIGUSR1";
  s = chain_status(c, 2);
  EXPECT_FALSE(s.last_abnormal);
  EXPECT_EQ(s.stalled, 0);
  EXPECT_EQ(s.to_fail, 0);
  EXPECT_EQ(format_chain_status(s), "finished=0\nallocations=2\nlast_allocation=graceful\n"
                                    "stalled=0\nto_fail=0\nmax_requeues=2\n");
}

TEST(ChainStatus, AFailureRecordedAtResumeIsNotProgressAWorkersFailureIs) {
  CheckpointContents c = history("killed", "killed");
  Evaluation failed = c.evaluations[1];
  failed.id = 2;
  failed.status = Status::failed;
  failed.message = poisoned_message(2, 2);
  c.evaluations.push_back(failed);
  c.extras.push_back(RowExtras{1, 2});
  c.allocations.push_back(allocation("running"));
  c.state->in_flight.clear();
  ChainStatus s = chain_status(c, 2);
  EXPECT_EQ(s.finished, 2);
  EXPECT_EQ(s.stalled, 2) << "allocations 1 and 2 returned no result";
  EXPECT_EQ(s.to_fail, 0);
  c.evaluations.back().message = "exit 1: ValueError: lr must be positive";
  s = chain_status(c, 2);
  EXPECT_EQ(s.stalled, 0) << "a failure a worker reported is progress";
}

} // namespace
} // namespace hpsearch
