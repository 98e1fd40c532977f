// plan_resume: refusals, replay order, lost jobs and re-queues, from in-memory contents.
#include "config_of_x.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/resume_plan.hpp"
#include "hpsearch/store/space_hash.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::x;

/// Records every call, so the replay order can be checked.
class RecordingStrategy final : public Strategy {
public:
  std::optional<Config> ask() override {
    calls.push_back("ask");
    return Config{};
  }
  void tell(const Evaluation& e) override { calls.push_back("tell " + std::to_string(e.id)); }
  std::string_view name() const override { return "random"; }
  std::string save_state() const override { return "s"; }
  void restore_state(const std::string& s) override { calls.push_back("restore " + s); }
  std::vector<std::string> calls;
};

Problem problem() {
  Problem p;
  p.space.add(Parameter::real("x", 0.0, 1.0));
  p.search.strategy.kind = StrategyKind::random;
  return p;
}

CheckpointContents contents(const Problem& p) {
  CheckpointContents c;
  c.path = "run.h5";
  c.info.strategy = "random";
  c.space_hash = space_hash_hex(p.space);
  c.space_text = canonical_space_text(p.space);
  c.parameters = {"x"};
  auto add = [&](JobId id, Status s, double objective, JobId requeue_of = -1) {
    Evaluation e;
    e.id = id;
    e.config = x(0.1 * static_cast<double>(id));
    e.status = s;
    e.objective = objective;
    e.finished_at = 100.0 + static_cast<double>(id);
    c.evaluations.push_back(e);
    c.extras.push_back(RowExtras{requeue_of, 0});
  };
  add(0, Status::ok, 3.0);
  add(1, Status::failed, std::nan(""));
  add(2, Status::lost, std::nan(""));
  add(5, Status::ok, 1.0, 2); // re-ran lost job 2
  add(4, Status::ok, 2.0);
  ResumeState s;
  s.saved_at = 200.0;
  s.next_id = 7;
  s.rows = 4;          // the state had seen rows 0..3; row 4 (id 4) came with a torn state write
  s.snapshot_rows = 2; // the strategy snapshot had seen rows 0..1
  s.ops = {"a", "t5", "a"};
  s.in_flight = {PendingJob{4, x(0.4), 0.0, 150.0, 1, -1, "h"},              // finished after all
                 PendingJob{6, x(0.6), 2.0, 160.0, 2, -1, "h2", 3, 1.0, 1}}; // lost
  s.requeue = {PendingJob{3, x(0.3), 1.0, 0.0, -1, -1, ""},  // waiting since the last resume
               PendingJob{2, x(0.2), 0.0, 0.0, -1, -1, ""}}; // already re-ran as 5
  s.strategy = "saved";
  c.state = s;
  return c;
}

TEST(PlanResume, ReplaysRestoresAndRequeuesExactlyTheLostJobs) {
  const Problem p = problem();
  RecordingStrategy strategy;
  const ResumePlan plan = plan_resume(contents(p), p, strategy, false);
  EXPECT_EQ(strategy.calls, (std::vector<std::string>{"tell 0", "tell 1", "restore saved", "ask",
                                                      "tell 5", "ask", "tell 4"}));
  EXPECT_EQ(plan.point.next_id, 7);
  EXPECT_EQ(plan.point.finished, 4);
  EXPECT_EQ(plan.point.failed, 1);
  ASSERT_TRUE(plan.point.best);
  EXPECT_EQ(plan.point.best->id, 5);
  ASSERT_EQ(plan.point.requeue.size(), 2u);
  EXPECT_EQ(plan.point.requeue[0].lost_id, 3);
  EXPECT_EQ(plan.point.requeue[0].fidelity, 1.0);
  EXPECT_EQ(plan.point.requeue[1].lost_id, 6);
  EXPECT_EQ(plan.point.requeue[1].config, x(0.6));
  EXPECT_EQ(plan.point.requeue[1].trial, 3) << "a re-run continues the same trial";
  EXPECT_EQ(plan.point.requeue[1].from_fidelity, 1.0);
  EXPECT_EQ(plan.point.requeue[1].rung, 1);
  EXPECT_EQ(plan.point.requeue[0].trial, -1) << "a line without a trial";
  ASSERT_EQ(plan.lost_rows.size(), 1u);
  const Evaluation& lost = plan.lost_rows[0].first;
  EXPECT_EQ(lost.id, 6);
  EXPECT_EQ(lost.status, Status::lost);
  EXPECT_EQ(lost.worker_rank, 2);
  EXPECT_EQ(lost.host, "h2");
  EXPECT_EQ(lost.submitted_at, 160.0);
  EXPECT_EQ(lost.finished_at, 200.0); // the last durable moment of its allocation
  EXPECT_EQ(plan.lost_rows[0].first.fidelity, 2.0);
  EXPECT_EQ(lost.trial, 3);
  EXPECT_EQ(lost.from_fidelity, 1.0);
  EXPECT_EQ(lost.rung, 1);
  EXPECT_EQ(plan.killed_end, 200.0);
}

TEST(PlanResume, KeepsTheCurvesOfFinishedEvaluationsForTheStoppingRule) {
  const Problem p = problem();
  CheckpointContents c = contents(p);
  c.curves = {{0, 1, 0.5}, {0, 2, 0.25}, {2, 1, 0.9}, {5, 1, 0.4}};
  RecordingStrategy strategy;
  const ResumePlan plan = plan_resume(c, p, strategy, false);
  const std::vector<CurvePoint> kept{{0, 1, 0.5}, {0, 2, 0.25}, {5, 1, 0.4}};
  EXPECT_EQ(plan.point.curves, kept); // not lost job 2's
}

TEST(PlanResume, ChangedSpaceIsRefusedNamingTheParameterUnlessForced) {
  const Problem p = problem();
  Problem changed;
  changed.space.add(Parameter::real("x", 0.0, 2.0));
  changed.search.strategy.kind = StrategyKind::random;
  RecordingStrategy strategy;
  try {
    plan_resume(contents(p), changed, strategy, false);
    FAIL() << "a changed space was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_NE(std::string(e.what()).find("parameter 'x' changed"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--force"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(strategy.calls.empty()) << "nothing replayed before the check";
  const ResumePlan forced = plan_resume(contents(p), changed, strategy, true);
  EXPECT_EQ(forced.warnings.size(), 1u);
  Problem renamed;
  renamed.space.add(Parameter::real("y", 0.0, 1.0));
  renamed.search.strategy.kind = StrategyKind::random;
  EXPECT_THROW(plan_resume(contents(p), renamed, strategy, true), Error); // no column for y
}

TEST(PlanResume, OtherStrategyIsRefusedUnlessForcedAndThenNotRestored) {
  Problem p = problem();
  p.search.strategy.kind = StrategyKind::grid;
  RecordingStrategy strategy;
  EXPECT_THROW(plan_resume(contents(problem()), p, strategy, false), Error);
  plan_resume(contents(problem()), p, strategy, true);
  for (const auto& call : strategy.calls) {
    EXPECT_EQ(call.rfind("restore", 0), std::string::npos);
    EXPECT_NE(call, "ask"); // the old strategy's asks mean nothing to the new one
  }
}

TEST(PlanResume, ATellOfARowThatIsNotThereIsAnError) {
  const Problem p = problem();
  CheckpointContents c = contents(p);
  c.state->ops = {"t99"};
  RecordingStrategy strategy;
  EXPECT_THROW(plan_resume(c, p, strategy, false), Error);
}

TEST(PlanResume, AMalformedTellIsBadInputNamingTheCheckpoint) {
  const Problem p = problem();
  for (const std::string op :
       {"tx", "t", "t12x", "t-3", "t99999999999999999999999", "q5", "ax", "a-1"}) {
    CheckpointContents c = contents(p);
    c.state->ops = {"a", op};
    RecordingStrategy strategy;
    try {
      plan_resume(c, p, strategy, false);
      ADD_FAILURE() << op << ": no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::bad_input) << op;
      EXPECT_NE(std::string(e.what()).find("run.h5"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("'" + op + "'"), std::string::npos) << e.what();
    } catch (const std::exception& e) {
      ADD_FAILURE() << op << ": " << e.what() << " is not an hpsearch::Error (exit 1)";
    }
  }
}

} // namespace
} // namespace hpsearch
