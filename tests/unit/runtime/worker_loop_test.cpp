// The real WorkerLoop and TransportReporter over the in-process transport, with the test
// thread scripting the manager (rank 0).
#include "hpsearch/runtime/transport_reporter.hpp"
#include "loop_rig.hpp"

#include <gtest/gtest.h>
#include <stdexcept>
#include <thread>

namespace hpsearch {
namespace {

using namespace hpsearch::test;

class ThrowingEvaluator final : public Evaluator {
public:
  Outcome evaluate(const Job&, Reporter&) override { throw std::runtime_error("boom"); }
};

Job job_x(JobId id, std::int64_t x) {
  Job job;
  job.id = id;
  job.config.set("x", x);
  return job;
}

TEST(WorkerLoop, AnnouncesItselfEvaluatesEachJobAndStopsAtShutdown) {
  InProcessNetwork network(2);
  Transport manager = network.endpoint(0);
  InstantEvaluator evaluator;
  std::int64_t evaluated = -1;
  {
    std::jthread worker([&, t = network.endpoint(1)]() mutable {
      evaluated = WorkerLoop(t, evaluator, ReadyMsg{"node7", 2, "cuda:0"}).run();
    });
    const Envelope ready = next(manager);
    EXPECT_EQ(ready.source, 1);
    const auto& msg = std::get<ReadyMsg>(ready.message);
    EXPECT_EQ(msg.host, "node7");
    EXPECT_EQ(msg.local_rank, 2);
    EXPECT_EQ(msg.device, "cuda:0");
    for (JobId id = 0; id < 3; ++id) {
      manager.send(1, job_x(id, 10 + id));
      const auto result = std::get<ResultMsg>(next(manager).message);
      EXPECT_EQ(result.job_id, id);
      EXPECT_EQ(result.outcome.objective, static_cast<double>(10 + id));
    }
    manager.send(1, ShutdownMsg{});
  }
  EXPECT_EQ(evaluated, 3);
  EXPECT_FALSE(manager.probe()); // nothing after Shutdown: no acknowledgement
}

TEST(WorkerLoop, AnEvaluatorExceptionBecomesAFailedResultNotADeadRank) {
  InProcessNetwork network(2);
  Transport manager = network.endpoint(0);
  ThrowingEvaluator evaluator;
  {
    std::jthread worker(
        [&, t = network.endpoint(1)]() mutable { WorkerLoop(t, evaluator, ReadyMsg{}).run(); });
    next(manager, Tag::ready);
    manager.send(1, job_x(5, 1));
    const auto result = std::get<ResultMsg>(next(manager).message);
    EXPECT_EQ(result.job_id, 5);
    EXPECT_EQ(result.outcome.status, Status::failed);
    EXPECT_EQ(result.outcome.message, "evaluator raised: boom");
    manager.send(1, ShutdownMsg{});
  }
}

TEST(WorkerLoop, AbandonIsAcknowledged) {
  InProcessNetwork network(2);
  Transport manager = network.endpoint(0);
  InstantEvaluator evaluator;
  std::int64_t evaluated = -1;
  {
    std::jthread worker([&, t = network.endpoint(1)]() mutable {
      evaluated = WorkerLoop(t, evaluator, ReadyMsg{}).run();
    });
    next(manager, Tag::ready);
    manager.send(1, AbandonMsg{});
    EXPECT_TRUE(std::holds_alternative<AbandonedMsg>(next(manager).message));
  }
  EXPECT_EQ(evaluated, 0);
}

TEST(WorkerLoop, AStaleDecisionIsIgnored) {
  InProcessNetwork network(2);
  Transport manager = network.endpoint(0);
  InstantEvaluator evaluator;
  {
    std::jthread worker(
        [&, t = network.endpoint(1)]() mutable { WorkerLoop(t, evaluator, ReadyMsg{}).run(); });
    next(manager, Tag::ready);
    manager.send(1, DecisionMsg{99, 1}); // about a job that already ended
    manager.send(1, job_x(100, 4));
    const auto result = std::get<ResultMsg>(next(manager).message);
    EXPECT_EQ(result.outcome.status, Status::ok);
    manager.send(1, ShutdownMsg{});
  }
}

TEST(WorkerLoop, AnUnexpectedMessageIsAnInternalError) {
  InProcessNetwork network(2);
  Transport manager = network.endpoint(0);
  Transport transport = network.endpoint(1);
  InstantEvaluator evaluator;
  manager.send(1, ReadyMsg{}); // managers never send Ready
  WorkerLoop worker(transport, evaluator, ReadyMsg{});
  try {
    worker.run();
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::internal_error);
    EXPECT_NE(std::string(e.what()).find("Ready"), std::string::npos) << e.what();
  }
}

TEST(WorkerLoop, AClosedTransportEndsTheLoop) {
  InProcessNetwork network(2);
  InstantEvaluator evaluator;
  Transport transport = network.endpoint(1);
  network.close();
  WorkerLoop worker(transport, evaluator, ReadyMsg{});
  EXPECT_THROW(worker.run(), TransportClosed);
}

TEST(TransportReporter, SendsProgressAndSeesOnlyItsJobsStopDecision) {
  InProcessNetwork network(2);
  Transport manager = network.endpoint(0);
  Transport worker = network.endpoint(1);
  TransportReporter reporter(worker, 0, 7);
  EXPECT_FALSE(reporter.report(1.0, 0.25));
  const Envelope progress = next(manager);
  EXPECT_EQ(progress.source, 1);
  const auto& p = std::get<ProgressMsg>(progress.message);
  EXPECT_EQ(p.job_id, 7);
  EXPECT_EQ(p.step, 1.0);
  EXPECT_EQ(p.value, 0.25);

  manager.send(1, DecisionMsg{6, 1}); // an earlier job's
  EXPECT_FALSE(reporter.stop_requested());
  manager.send(1, AbandonMsg{}); // for the worker loop, not the reporter
  manager.send(1, DecisionMsg{7, 1});
  EXPECT_TRUE(reporter.report(2.0, 0.5));
  EXPECT_TRUE(reporter.stop_requested());
  EXPECT_EQ(reporter.reports(), 2);
  EXPECT_TRUE(worker.probe(Tag::abandon)); // left where the worker loop will find it
  EXPECT_EQ(reporter.decision(), ReportDecision::stop);
  EXPECT_FALSE(reporter.pause_requested());
}

TEST(TransportReporter, APauseDecisionEndsTheJobAsAPauseAndTheFirstDecisionWins) {
  InProcessNetwork network(2);
  Transport manager = network.endpoint(0);
  Transport worker = network.endpoint(1);
  TransportReporter reporter(worker, 0, 7);
  EXPECT_EQ(reporter.decision(), ReportDecision::proceed);
  manager.send(1, DecisionMsg{6, 2}); // an earlier job's pause
  EXPECT_FALSE(reporter.report(1.0, 0.25));
  manager.send(1, DecisionMsg{7, 2});
  manager.send(1, DecisionMsg{7, 1});
  EXPECT_TRUE(reporter.report(2.0, 0.5));
  EXPECT_TRUE(reporter.stop_requested()) << "a pause ends the job too";
  EXPECT_TRUE(reporter.pause_requested());
  EXPECT_EQ(reporter.decision(), ReportDecision::pause);
}

} // namespace
} // namespace hpsearch
