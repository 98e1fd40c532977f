// The real ManagerLoop over the in-process transport: ranks are threads (or the test thread
// scripting them), so message batching, the stop grace, the second signal, the abandon
// handshake, progress reports and stop decisions are tested without mpirun. No wall-clock
// limits: a hang is reported by ctest's timeout.
#include "loop_rig.hpp"

#include <gtest/gtest.h>
#include <semaphore>
#include <thread>

namespace hpsearch {
namespace {

using namespace hpsearch::test;

TEST(ManagerLoop, BatchesUpTo64WaitingMessagesIntoOneCommit) {
  constexpr int kWorkers = 70;
  InProcessNetwork network(kWorkers + 1);
  std::vector<Transport> workers;
  for (int rank = 1; rank <= kWorkers; ++rank) {
    workers.push_back(network.endpoint(rank));
    workers.back().send(0, ReadyMsg{"node", rank - 1, "cpu"}); // all waiting before the start
  }
  ManagerRig rig(network, max_evals(kWorkers));
  bool done = false;
  {
    std::jthread manager([&] { done = rig.loop.run(); });
    for (auto& worker : workers) {
      const Job job = std::get<Job>(next(worker).message);
      Outcome outcome;
      outcome.status = Status::ok;
      outcome.objective = 0.5;
      worker.send(0, ResultMsg{job.id, outcome});
    }
    for (auto& worker : workers) {
      EXPECT_TRUE(std::holds_alternative<ShutdownMsg>(next(worker).message));
    }
  }
  EXPECT_TRUE(done);
  ASSERT_GE(rig.commits.size(), 2u);
  // 70 Ready messages were waiting: the first batch takes 64 of them, one commit for all;
  // the next batch starts with the 6 left (the queue is first in, first out).
  EXPECT_EQ(rig.commits[0].size(), static_cast<std::size_t>(ManagerLoop::kMaxBatch));
  EXPECT_EQ(count_of<SendJob>(rig.commits[0]), static_cast<std::size_t>(ManagerLoop::kMaxBatch));
  ASSERT_GE(rig.commits[1].size(), 6u);
  for (int i = 0; i < 6; ++i) {
    const auto& send = std::get<SendJob>(rig.commits[1][static_cast<std::size_t>(i)]);
    EXPECT_EQ(send.rank, ManagerLoop::kMaxBatch + 1 + i);
  }
  EXPECT_EQ(all_of<Record>(rig.commits).size(), static_cast<std::size_t>(kWorkers));
  EXPECT_EQ(all_of<ShutdownWorker>(rig.commits).size(), static_cast<std::size_t>(kWorkers));
}

TEST(ManagerLoop, NoWorkerHearsOfAnEventBeforeItsCommit) {
  InProcessNetwork network(2);
  Transport worker = network.endpoint(1);
  ManagerRig rig(network, max_evals(3));
  // The scripted worker reads only what a commit has allowed, so at each commit its mailbox
  // shows whether the manager sent before committing.
  std::counting_semaphore<64> permits(0);
  std::atomic<int> early{0};
  ManagerLoop loop(
      rig.transport, rig.core,
      [&](const Actions& actions) {
        if (worker.probe()) ++early;
        const auto messages = count_of<SendJob>(actions) + count_of<ShutdownWorker>(actions);
        permits.release(static_cast<std::ptrdiff_t>(messages));
      },
      rig.progress, nullptr, 1e9);
  worker.send(0, ReadyMsg{"node", 0, "cpu"});
  bool done = false;
  {
    std::jthread manager([&] { done = loop.run(); });
    for (;;) {
      permits.acquire();
      Envelope e = next(worker);
      if (std::holds_alternative<ShutdownMsg>(e.message)) break;
      Outcome outcome;
      outcome.status = Status::ok;
      outcome.objective = 1.0;
      worker.send(0, ResultMsg{std::get<Job>(e.message).id, outcome});
    }
  }
  EXPECT_TRUE(done);
  EXPECT_EQ(early.load(), 0);
  EXPECT_EQ(rig.core.stats().completed, 3);
}

TEST(ManagerLoop, ShutsEveryWorkerDownWhenTheSearchEnds) {
  InProcessNetwork network(3);
  ManagerRig rig(network, max_evals(5));
  InstantEvaluator evaluator1;
  InstantEvaluator evaluator2;
  std::int64_t evaluated1 = 0;
  std::int64_t evaluated2 = 0;
  bool done = false;
  {
    std::jthread w1([&, t = network.endpoint(1)]() mutable {
      evaluated1 = WorkerLoop(t, evaluator1, ReadyMsg{"node", 0, "cpu"}).run();
    });
    std::jthread w2([&, t = network.endpoint(2)]() mutable {
      evaluated2 = WorkerLoop(t, evaluator2, ReadyMsg{"node", 1, "cpu"}).run();
    });
    done = rig.loop.run();
  }
  EXPECT_TRUE(done);
  EXPECT_EQ(evaluated1 + evaluated2, 5);
  EXPECT_EQ(rig.core.stop_reason(), StopReason::max_evals);
  EXPECT_EQ(all_of<Record>(rig.commits).size(), 5u);
  EXPECT_EQ(all_of<ShutdownWorker>(rig.commits).size(), 2u);
  EXPECT_TRUE(rig.core.in_flight().empty());
}

TEST(ManagerLoop, DrainLetsARunningEvaluationFinishThenTheWorkerAcknowledges) {
  InProcessNetwork network(2);
  ManagerRig rig(network, max_evals(100), /*stop_grace=*/1e9);
  BlockingEvaluator evaluator;
  std::int64_t evaluated = 0;
  bool done = false;
  {
    std::jthread worker([&, t = network.endpoint(1)]() mutable {
      evaluated = WorkerLoop(t, evaluator, ReadyMsg{"node", 0, "cpu"}).run();
    });
    std::jthread manager([&] { done = rig.loop.run(); });
    evaluator.started.wait();
    rig.stop = true;                      // the first signal
    rig.wait_for_commit_of<AbandonJob>(); // the busy worker is told to abandon
    evaluator.release.set();              // its evaluation still ends and is recorded
  }
  EXPECT_TRUE(done);
  EXPECT_EQ(evaluated, 1);
  EXPECT_EQ(rig.core.stop_reason(), StopReason::requested);
  const auto records = all_of<Record>(rig.commits);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].evaluation.status, Status::ok);
  EXPECT_TRUE(rig.core.in_flight().empty());
}

TEST(ManagerLoop, SecondSignalEndsTheDrainWithTheJobInFlight) {
  InProcessNetwork network(2);
  ManagerRig rig(network, max_evals(100), /*stop_grace=*/1e9);
  BlockingEvaluator evaluator;
  std::int64_t evaluated = 0;
  bool done = true;
  {
    std::jthread worker([&, t = network.endpoint(1)]() mutable {
      evaluated = WorkerLoop(t, evaluator, ReadyMsg{"node", 0, "cpu"}).run();
    });
    {
      std::jthread manager([&] { done = rig.loop.run(); });
      evaluator.started.wait();
      rig.stop = true;
      rig.wait_for_commit_of<AbandonJob>();
      rig.stop_now = true; // the second signal: give up on the busy worker
    }
    EXPECT_FALSE(done);
    ASSERT_EQ(rig.core.in_flight().size(), 1u); // recorded for re-queue on resume
    EXPECT_EQ(rig.core.in_flight()[0].rank, 1);
    EXPECT_TRUE(all_of<Record>(rig.commits).empty());
    evaluator.release.set(); // the worker ends its job, sees Abandon and acknowledges
  }
  EXPECT_EQ(evaluated, 1);
}

TEST(ManagerLoop, ZeroGraceGivesUpOnBusyWorkersWithoutASecondSignal) {
  InProcessNetwork network(2);
  ManagerRig rig(network, max_evals(100), /*stop_grace=*/0.0);
  BlockingEvaluator evaluator;
  bool done = true;
  {
    std::jthread worker([&, t = network.endpoint(1)]() mutable {
      WorkerLoop(t, evaluator, ReadyMsg{"node", 0, "cpu"}).run();
    });
    {
      std::jthread manager([&] { done = rig.loop.run(); });
      evaluator.started.wait();
      rig.stop = true;
    }
    EXPECT_FALSE(done);
    EXPECT_EQ(all_of<AbandonJob>(rig.commits).size(), 1u);
    EXPECT_EQ(rig.core.in_flight().size(), 1u);
    evaluator.release.set();
  }
}

TEST(ManagerLoop, StopAbandonsEveryBusyWorkerAndEachAcknowledges) {
  InProcessNetwork network(3);
  ManagerRig rig(network, max_evals(100));
  BlockingEvaluator evaluator1;
  BlockingEvaluator evaluator2;
  std::int64_t evaluated1 = -1;
  std::int64_t evaluated2 = -1;
  bool done = false;
  {
    std::jthread w1([&, t = network.endpoint(1)]() mutable {
      evaluated1 = WorkerLoop(t, evaluator1, ReadyMsg{"node", 0, "cpu"}).run();
    });
    std::jthread w2([&, t = network.endpoint(2)]() mutable {
      evaluated2 = WorkerLoop(t, evaluator2, ReadyMsg{"node", 1, "cpu"}).run();
    });
    std::jthread manager([&] { done = rig.loop.run(); });
    evaluator1.started.wait();
    evaluator2.started.wait();
    rig.stop = true;
    rig.wait_for_commit_of<AbandonJob>();
    evaluator1.release.set();
    evaluator2.release.set();
  }
  EXPECT_TRUE(done); // both acknowledged: no abort needed
  EXPECT_EQ(all_of<AbandonJob>(rig.commits).size(), 2u);
  EXPECT_EQ(all_of<ShutdownWorker>(rig.commits).size(), 0u);
  EXPECT_EQ(evaluated1, 1);
  EXPECT_EQ(evaluated2, 1);
  EXPECT_EQ(all_of<Record>(rig.commits).size(), 2u);
}

/// Jobs 0..2 report 1.0 at steps 1, 2, 3 and finish; job 3 reports 10.0 at steps 1, 2, ...
/// until told to stop (minimizing: worse than the median of the others at step 1).
class CurveEvaluator final : public Evaluator {
public:
  Outcome evaluate(const Job& job, Reporter& reporter) override {
    Outcome o;
    if (job.id < 3) {
      for (int step = 1; step <= 3; ++step) reporter.report(step, 1.0);
      o.status = Status::ok;
      o.objective = 1.0;
      return o;
    }
    for (int step = 1; step <= kMaxReports; ++step) {
      if (reporter.report(step, 10.0)) {
        o.status = Status::stopped;
        o.objective = 10.0;
        return o;
      }
      std::this_thread::yield();
    }
    o.status = Status::ok; // never told to stop: the assertion on the status fails
    o.objective = 10.0;
    return o;
  }
  static constexpr int kMaxReports = 1'000'000;
};

TEST(ManagerLoop, ProgressReachesTheMedianRuleWhichStopsTheBadJob) {
  InProcessNetwork network(2);
  ManagerOptions options = max_evals(4);
  options.direction = Direction::minimize;
  options.pruner = PrunerOptions{PrunerKind::median, 0.0, 3};
  ManagerRig rig(network, options);
  CurveEvaluator evaluator;
  {
    std::jthread worker([&, t = network.endpoint(1)]() mutable {
      WorkerLoop(t, evaluator, ReadyMsg{"node", 0, "cpu"}).run();
    });
    rig.loop.run();
  }
  const auto records = all_of<Record>(rig.commits);
  ASSERT_EQ(records.size(), 4u);
  for (const auto& record : records) {
    if (record.evaluation.id < 3) {
      EXPECT_EQ(record.evaluation.status, Status::ok);
      EXPECT_EQ(record.curve.size(), 3u) << "job " << record.evaluation.id;
    } else {
      EXPECT_EQ(record.evaluation.status, Status::stopped);
      ASSERT_FALSE(record.curve.empty());
      EXPECT_EQ(record.curve.front().value, 10.0);
    }
  }
  const auto stops = all_of<StopJob>(rig.commits);
  ASSERT_EQ(stops.size(), 1u); // one decision per job, however many reports follow
  EXPECT_EQ(stops[0].job_id, 3);
  EXPECT_EQ(stops[0].rank, 1);
  EXPECT_EQ(rig.core.stats().stopped, 1);
}

TEST(ManagerLoop, AnUnexpectedMessageIsAnInternalError) {
  InProcessNetwork network(2);
  Transport worker = network.endpoint(1);
  ManagerRig rig(network, max_evals(1));
  worker.send(0, Job{}); // workers never send jobs
  try {
    rig.loop.run();
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::internal_error);
    EXPECT_NE(std::string(e.what()).find("Job"), std::string::npos) << e.what();
  }
}

} // namespace
} // namespace hpsearch
