// run_simulate on hand-checked cases: const durations, a fixed manager cost per batch and a
// fixed latency make every virtual time exact, so the schedule can be worked out by hand.
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/core/thread_clock.hpp"
#include "hpsearch/eval/function_evaluator.hpp"
#include "hpsearch/sim/simulate_main.hpp"
#include "hpsearch/store/reader.hpp"
#include "temp_dir.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <sched.h>
#include <sstream>
#include <thread>

namespace hpsearch {
namespace {

std::string write_problem(const test::TempDir& dir, const std::string& objective,
                          const std::string& space, const std::string& extra = "") {
  const std::string path = dir.file("problem.yaml");
  std::ofstream(path) << "space:\n"
                      << space << "objective:\n"
                      << objective << "run:\n  max_evals: 4\n  seed: 3\n"
                      << extra;
  return path;
}

const char* const kSphere1 = "  x: {type: real, low: -1.0, high: 1.0}\n";

struct Ran {
  ExitCode code;
  std::string out, err;
};

Ran simulate(const SimulateOptions& options) {
  std::ostringstream out, err;
  const ExitCode code = run_simulate(options, out, err);
  return {code, out.str(), err.str()};
}

// 2 workers, const:1, latency 0.1, manager 0.05 per batch, 4 evaluations:
//   0.10  both Readys arrive; one batch sends two jobs, done at 0.15; jobs arrive at 0.25
//   1.25  both jobs end; results arrive at 1.35; one batch, done at 1.40; jobs arrive 1.50
//   2.50  both end; results at 2.60; the last batch records them and shuts down at 2.65
// busy 4 worker-seconds over 2 x 2.65: utilization 0.7547; manager 3 x 0.05 = 0.15 s
// (fraction 0.0566); every worker waits 0.25 s for each job, dispatched 0.15 s after it
// was free. The budget is all handed out when the last jobs arrive, at 1.50: 2 worker-
// seconds busy by then, steady-state utilization 2 / (2 x 1.5) = 0.6667.
TEST(Simulate, ChargesDurationsLatencyAndManagerCostAsWorkedOutByHand) {
  test::TempDir dir("sim");
  SimulateOptions options;
  options.problem_path = write_problem(dir, "  kind: function\n  name: sphere\n", kSphere1);
  options.workers = 2;
  options.duration = "const:1";
  options.latency = 0.1;
  options.manager_cost = 0.05;
  options.checkpoint = dir.file("sim.h5");
  const Ran ran = simulate(options);
  ASSERT_EQ(ran.code, ExitCode::finished) << ran.err;
  EXPECT_NE(ran.out.find("makespan 2.65 s (virtual), max_evals reached"), std::string::npos)
      << ran.out;
  EXPECT_NE(ran.out.find("utilization 0.7547"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("steady-state utilization 0.6667 (busy worker-time / (workers x time "
                         "until the budget is all handed out, 1.50 s))"),
            std::string::npos)
      << ran.out;
  EXPECT_NE(ran.out.find("evaluations 4, trials ended 4"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("worker idle waits: p50 250.00 ms, p99 250.00 ms over 4 jobs"),
            std::string::npos)
      << ran.out;
  EXPECT_NE(ran.out.find("manager busy fraction 0.0566 (3 batches"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("dispatch (worker free -> job sent): p50 150.00 ms, p99 150.00 ms"),
            std::string::npos)
      << ran.out;

  // The checkpoint is the one a real run writes, with virtual times, marked simulated.
  const CheckpointContents c = read_checkpoint(dir.file("sim.h5"));
  EXPECT_NE(c.simulated.find("2 virtual workers, duration const:1"), std::string::npos)
      << c.simulated;
  ASSERT_EQ(c.evaluations.size(), 4u);
  const double t0 = c.allocations.at(0).start;
  std::vector<double> starts, ends;
  for (const auto& e : c.evaluations) {
    EXPECT_EQ(e.status, Status::ok);
    EXPECT_DOUBLE_EQ(e.objective,
                     std::get<double>(*e.config.find("x")) * std::get<double>(*e.config.find("x")));
    starts.push_back(e.started_at - t0);
    ends.push_back(e.finished_at - t0);
  }
  std::sort(starts.begin(), starts.end());
  std::sort(ends.begin(), ends.end());
  const std::vector<double> want_starts = {0.25, 0.25, 1.5, 1.5};
  const std::vector<double> want_ends = {1.25, 1.25, 2.5, 2.5};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(starts[i], want_starts[i], 1e-6);
    EXPECT_NEAR(ends[i], want_ends[i], 1e-6);
  }
  EXPECT_NEAR(c.allocations.at(0).end - t0, 2.65, 1e-6);
}

// A slow manager makes workers wait: one worker, const:1, no latency, 0.5 s per batch.
// Each result is recorded and the next job sent 0.5 s after the worker is free.
//   0    Ready; batch until 0.5; job 1 runs 0.5 .. 1.5; batch 1.5 .. 2.0; job 2 2.0 .. 3.0;
//   batch 3.0 .. 3.5 ... 4 jobs: the last batch ends at 6.5 - 0.5 + 0.5 = 6.5.
TEST(Simulate, ASlowManagerMakesWorkersWait) {
  test::TempDir dir("sim");
  SimulateOptions options;
  options.problem_path = write_problem(dir, "  kind: function\n  name: sphere\n", kSphere1);
  options.workers = 1;
  options.duration = "const:1";
  options.latency = 0.0;
  options.manager_cost = 0.5;
  const Ran ran = simulate(options);
  ASSERT_EQ(ran.code, ExitCode::finished) << ran.err;
  EXPECT_NE(ran.out.find("makespan 6.50 s"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("utilization 0.6154"), std::string::npos) << ran.out; // 4 / 6.5
  // The last job arrives at 5.0, 3 s of jobs done by then: 3 / 5 = 0.6.
  EXPECT_NE(ran.out.find("steady-state utilization 0.6000"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("manager busy fraction 0.3846 (5 batches"), std::string::npos) << ran.out;
}

// A learning curve lasts one draw per step and reports each step at its virtual time:
// curve_sphere with 27 steps of 0.1 s, one worker, one job: it ends at 2.7 s and the 27
// points reach the checkpoint's /curves.
TEST(Simulate, ALearningCurveDrawsOncePerStepAndReportsEveryStep) {
  test::TempDir dir("sim");
  SimulateOptions options;
  options.problem_path = write_problem(dir, "  kind: function\n  name: curve_sphere\n",
                                       "  a: {type: real, low: 0.0, high: 1.0}\n"
                                       "  b: {type: real, low: 0.0, high: 1.0}\n");
  options.workers = 1;
  options.duration = "const:0.1";
  options.latency = 0.0;
  options.manager_cost = 0.0;
  options.max_evals = 1;
  options.checkpoint = dir.file("curve.h5");
  const Ran ran = simulate(options);
  ASSERT_EQ(ran.code, ExitCode::finished) << ran.err;
  EXPECT_NE(ran.out.find("makespan 2.70 s"), std::string::npos) << ran.out;
  const CheckpointContents c = read_checkpoint(dir.file("curve.h5"));
  ASSERT_EQ(c.evaluations.size(), 1u);
  EXPECT_EQ(c.curves.size(), 27u);
  EXPECT_NEAR(c.evaluations[0].finished_at - c.evaluations[0].started_at, 2.7, 1e-6);
}

// The median stopping rule decides on reports delivered at their virtual times: with
// 2 workers, fast steps and a pruner that needs few jobs, some jobs are stopped early and
// the stopped ones last fewer than 27 steps.
TEST(Simulate, APrunerStopsJobsFromReportsDeliveredInVirtualTime) {
  test::TempDir dir("sim");
  SimulateOptions options;
  options.problem_path = write_problem(
      dir, "  kind: function\n  name: curve_sphere\n",
      "  a: {type: real, low: 0.0, high: 1.0}\n  b: {type: real, low: 0.0, high: 1.0}\n",
      "search:\n  pruner: median\n  pruner_warmup: 2\n  pruner_min_jobs: 2\n");
  options.workers = 2;
  options.duration = "uniform:0.5,1.5";
  options.latency = 0.01;
  options.manager_cost = 0.001;
  options.max_evals = 30;
  options.checkpoint = dir.file("pruned.h5");
  const Ran ran = simulate(options);
  ASSERT_EQ(ran.code, ExitCode::finished) << ran.err;
  const CheckpointContents c = read_checkpoint(dir.file("pruned.h5"));
  ASSERT_EQ(c.evaluations.size(), 30u);
  int stopped = 0;
  for (const auto& e : c.evaluations) {
    if (e.status != Status::stopped) continue;
    ++stopped;
    EXPECT_LT(e.finished_at - e.started_at, 27 * 1.5);
  }
  EXPECT_GT(stopped, 0) << ran.out;
}

// --duration objective: each job lasts exactly the sleep a real worker draws for it (the
// FunctionEvaluator's sleep_seconds of the job's seed, derived from run.seed and the id).
TEST(Simulate, ObjectiveDurationsAreTheRealWorkersDraws) {
  test::TempDir dir("sim");
  SimulateOptions options;
  options.problem_path =
      write_problem(dir, "  kind: function\n  name: sphere\n  sleep: [0.05, 0.2]\n", kSphere1);
  options.workers = 1;
  options.duration = "objective";
  options.latency = 0.0;
  options.manager_cost = 0.0;
  options.checkpoint = dir.file("objective.h5");
  const Ran ran = simulate(options);
  ASSERT_EQ(ran.code, ExitCode::finished) << ran.err;
  const FunctionEvaluator real("sphere", {"x"}, 0.05, 0.2);
  const CheckpointContents c = read_checkpoint(dir.file("objective.h5"));
  ASSERT_EQ(c.evaluations.size(), 4u);
  for (const auto& e : c.evaluations) {
    const double want = real.sleep_seconds(derive_seed(3, static_cast<std::uint64_t>(e.id)));
    EXPECT_NEAR(e.finished_at - e.started_at, want, 1e-6) << "job " << e.id;
  }
}

// The manager's cost is its own work, not the machine's other load: a thread spinning on
// the manager's only CPU makes it wait in the run queue, and that wait is measured and left
// out of what each batch is charged (a cluster's manager has its core to itself).
TEST(Simulate, TimeTheManagerWaitsForACpuIsNotChargedToIt) {
  ThreadClock probe;
  probe.read();
  if (!probe.available()) GTEST_SKIP() << "no /proc/thread-self/schedstat on this kernel";
  test::TempDir dir("sim");
  SimulateOptions options;
  options.problem_path = write_problem(dir, "  kind: function\n  name: sphere\n", kSphere1,
                                       "search:\n  strategy: random\n");
  options.workers = 4;
  options.duration = "const:1";
  options.max_evals = 2000;
  options.progress_interval = 0.0;

  cpu_set_t before;
  ASSERT_EQ(sched_getaffinity(0, sizeof before, &before), 0);
  cpu_set_t one;
  CPU_ZERO(&one);
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (CPU_ISSET(cpu, &before)) {
      CPU_SET(cpu, &one);
      break;
    }
  }
  ASSERT_EQ(sched_setaffinity(0, sizeof one, &one), 0);
  std::atomic<bool> done{false};
  std::thread spinner([&] {
    sched_setaffinity(0, sizeof one, &one);
    while (!done.load(std::memory_order_relaxed)) {
    }
  });
  const Ran ran = simulate(options);
  done = true;
  spinner.join();
  ASSERT_EQ(sched_setaffinity(0, sizeof before, &before), 0);
  ASSERT_EQ(ran.code, ExitCode::finished) << ran.err;
  const auto at = ran.out.find(" of the manager thread's run-queue wait left out");
  ASSERT_NE(at, std::string::npos) << ran.out;
  const auto from = ran.out.rfind("; ", at);
  const std::string waited = ran.out.substr(from + 2, at - from - 2);
  EXPECT_NE(waited, "0.0 us") << "sharing its CPU, the manager waited for it: " << ran.out;

  options.manager_cost = 0.001; // a fixed charge measures nothing
  options.max_evals = 8;
  const Ran fixed = simulate(options);
  EXPECT_NE(fixed.out.find("; 0.0 us of the manager thread's run-queue wait left out"),
            std::string::npos)
      << fixed.out;
}

// Asynchronous AMBS says where each proposal came from, as `run` does: every evaluation
// was handed out once, by the model (prepared, the initial design included), its reserve or
// the fallback.
TEST(Simulate, AmbsSaysWhereItsProposalsCameFrom) {
  test::TempDir dir("sim");
  SimulateOptions options;
  options.problem_path =
      write_problem(dir, "  kind: function\n  name: sphere\n",
                    std::string(kSphere1) + "  y: {type: real, low: -1.0, high: 1.0}\n",
                    "search:\n  strategy: ambs\n  initial_points: 5\n");
  options.workers = 4;
  options.duration = "const:1";
  options.max_evals = 30;
  const Ran ran = simulate(options);
  ASSERT_EQ(ran.code, ExitCode::finished) << ran.err;
  long long prepared = -1, reserve = -1, fallback = -1;
  const std::size_t at = ran.out.find("\nambs: ");
  ASSERT_NE(at, std::string::npos) << ran.out;
  ASSERT_EQ(std::sscanf(ran.out.c_str() + at,
                        "\nambs: %lld proposals prepared by the model, %lld from its reserve, "
                        "%lld from the fallback",
                        &prepared, &reserve, &fallback),
            3)
      << ran.out;
  EXPECT_EQ(prepared + reserve + fallback, 30) << ran.out;
  EXPECT_GE(prepared, 5) << "the initial design is handed out as prepared proposals";
}

TEST(Simulate, RefusesObjectivesItCannotSimulateAndBadOptions) {
  test::TempDir dir("sim");
  SimulateOptions options;
  options.problem_path = write_problem(dir, "  kind: command\n  command: [/bin/true]\n", kSphere1);
  options.workers = 2;
  options.duration = "const:1";
  Ran ran = simulate(options);
  EXPECT_EQ(ran.code, ExitCode::bad_input);
  EXPECT_NE(ran.err.find("objective.kind command cannot be simulated"), std::string::npos)
      << ran.err;

  options.problem_path = write_problem(dir, "  kind: function\n  name: sphere\n", kSphere1);
  options.duration = "normal:1,2";
  ran = simulate(options);
  EXPECT_EQ(ran.code, ExitCode::bad_input);
  EXPECT_NE(ran.err.find("--duration 'normal:1,2'"), std::string::npos) << ran.err;

  options.duration = "const:1";
  options.checkpoint = dir.file("exists.h5");
  std::ofstream(*options.checkpoint) << "x";
  ran = simulate(options);
  EXPECT_EQ(ran.code, ExitCode::bad_input) << ran.err;
}

} // namespace
} // namespace hpsearch
