// HostEvaluator with the real evaluation host (hpsearch-eval-host of this build) and real
// plugins: configs/plugins/branin_plugin.c (HPSEARCH_EXAMPLE_PLUGIN) and
// tests/fixtures/plugins/faulty_plugin.c (HPSEARCH_FAULTY_PLUGIN), which segfaults, aborts,
// exits or hangs on demand. Each crash fails one job; the next job gets a fresh host.
#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/host_evaluator.hpp"
#include "recording_reporter.hpp"

#include <csignal>
#include <cstdlib>
#include <gtest/gtest.h>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace hpsearch {
namespace {

using test::RecordingReporter;

HostSpec plugin_spec(const std::string& library, const std::string& space) {
  HostSpec spec;
  spec.executable = find_eval_host();
  spec.init.problem_text =
      "space:\n" + space + "objective: {kind: plugin, library: " + library + "}\n";
  spec.init.problem_origin = "host_evaluator_test.yaml";
  spec.what = "plugin '" + library + "'";
  spec.kill_grace = 0.5;
  spec.env = {{"HPS_BRANIN_SLEEP_MS", "0"}};
  return spec;
}

HostSpec faulty_spec() {
  return plugin_spec(HPSEARCH_FAULTY_PLUGIN,
                     "  mode: {type: categorical, choices: [ok, segv, abort, exit, hang, "
                     "stubborn]}\n  x: {type: int, low: 1, high: 9}\n");
}

Job faulty_job(const std::string& mode, double timeout = 0.0) {
  Job job;
  job.id = 5;
  job.config.set("mode", mode);
  job.config.set("x", std::int64_t{3});
  job.timeout = timeout;
  return job;
}

/// True while `pid` exists (a zombie counts: it would be a process left behind).
bool exists(int pid) {
  return pid > 0 && ::kill(pid, 0) == 0;
}

TEST(HostEvaluator, RunsJobsAndStreamsProgressInOneHost) {
  HostEvaluator evaluator(faulty_spec());
  const int pid = evaluator.host_pid();
  ASSERT_GT(pid, 0);
  for (int i = 0; i < 3; ++i) {
    RecordingReporter reporter;
    const Outcome outcome = evaluator.evaluate(faulty_job("ok"), reporter);
    EXPECT_EQ(outcome.status, Status::ok) << outcome.message;
    EXPECT_EQ(outcome.objective, 3.0);
    EXPECT_EQ(reporter.points, (std::vector<std::pair<double, double>>{{1.0, 4.0}, {2.0, 3.0}}));
  }
  EXPECT_EQ(evaluator.host_pid(), pid) << "the host is built once and serves every job";
}

TEST(HostEvaluator, StopDecisionReachesThePlugin) {
  // 40 epochs of 50 ms: the decision (after report 2) reaches the host long before the end.
  HostSpec spec =
      plugin_spec(HPSEARCH_EXAMPLE_PLUGIN, "  x1: {type: real, low: -5.0, high: 10.0}\n"
                                           "  x2: {type: real, low: 0.0, high: 15.0}\n");
  spec.env = {{"HPS_BRANIN_SLEEP_MS", "50"}};
  HostEvaluator evaluator(spec);
  Job job;
  job.config.set("x1", 1.0);
  job.config.set("x2", 2.0);
  job.fidelity = 40;
  RecordingReporter reporter(2);
  const Outcome outcome = evaluator.evaluate(job, reporter);
  EXPECT_EQ(outcome.status, Status::stopped) << outcome.message;
  EXPECT_NE(outcome.message.find("stopped by the manager at step"), std::string::npos)
      << outcome.message;
  EXPECT_GE(reporter.points.size(), 2u);
  EXPECT_LT(reporter.points.size(), 40u);
  EXPECT_EQ(outcome.objective, reporter.points.back().second) << "the last reported value";
}

TEST(HostEvaluator, CrashesFailOneJobWithTheSignalAndOutputThenAFreshHostRuns) {
  HostEvaluator evaluator(faulty_spec());
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"segv", {"killed by signal SIGSEGV (11)", "about to write through NULL"}},
      {"abort", {"killed by signal SIGABRT (6)", "about to abort"}},
      {"exit", {"exit status 7", "about to exit(7)"}},
  };
  for (const auto& [mode, fragments] : cases) {
    const int pid = evaluator.host_pid();
    RecordingReporter reporter;
    const Outcome crashed = evaluator.evaluate(faulty_job(mode), reporter);
    EXPECT_EQ(crashed.status, Status::failed) << mode;
    for (const auto& fragment : fragments) {
      EXPECT_NE(crashed.message.find(fragment), std::string::npos)
          << mode << ": " << crashed.message;
    }
    EXPECT_FALSE(exists(pid)) << mode << ": the dead host is reaped";
    const Outcome next = evaluator.evaluate(faulty_job("ok"), reporter);
    EXPECT_EQ(next.status, Status::ok) << mode << ": " << next.message;
    EXPECT_NE(evaluator.host_pid(), pid) << mode << ": a fresh host";
  }
}

TEST(HostEvaluator, TimeoutTerminatesAHangingHostAndKillsOneIgnoringSigterm) {
  HostEvaluator evaluator(faulty_spec());
  RecordingReporter reporter;
  const int pid = evaluator.host_pid();
  const Outcome hung = evaluator.evaluate(faulty_job("hang", 0.3), reporter);
  EXPECT_EQ(hung.status, Status::timeout);
  EXPECT_NE(hung.message.find("timed out after 0.3 s (run.eval_timeout)"), std::string::npos)
      << hung.message;
  EXPECT_NE(hung.message.find("killed by signal SIGTERM (15)"), std::string::npos) << hung.message;
  EXPECT_FALSE(exists(pid));
  const Outcome stubborn = evaluator.evaluate(faulty_job("stubborn", 0.3), reporter);
  EXPECT_EQ(stubborn.status, Status::timeout);
  EXPECT_NE(stubborn.message.find("killed by signal SIGKILL (9)"), std::string::npos)
      << stubborn.message;
  EXPECT_GE(stubborn.finished_at - stubborn.started_at, 0.3 + 0.5 - 0.05)
      << "SIGKILL comes kill_grace after SIGTERM";
  EXPECT_EQ(evaluator.evaluate(faulty_job("ok", 30.0), reporter).status, Status::ok);
}

TEST(HostEvaluator, AHostPastItsMemoryLimitFailsOneJobAsOutOfMemory) {
  HostSpec spec = faulty_spec();
  spec.memory_limit = MemoryLimit{std::uint64_t{64} << 20};
  HostEvaluator evaluator(spec);
  RecordingReporter reporter;
  const Outcome hog = evaluator.evaluate(faulty_job("hog"), reporter);
  EXPECT_EQ(hog.status, Status::failed);
  EXPECT_EQ(hog.message.rfind("out of memory (limit 64 MiB): the evaluation host", 0), 0u)
      << hog.message;
  EXPECT_NE(hog.message.find("faulty_plugin: allocating"), std::string::npos) << hog.message;
  EXPECT_EQ(evaluator.evaluate(faulty_job("ok"), reporter).status, Status::ok);
}

TEST(HostEvaluator, TornDownWorkerKillsItsHostAtOnce) {
  bool torn = false;
  HostEvaluator evaluator(faulty_spec(), [&torn] { return torn; });
  class TearingReporter final : public Reporter {
  public:
    explicit TearingReporter(bool& torn) : torn_(torn) {}
    bool report(double, double) override { return false; }
    bool stop_requested() override {
      torn_ = true; // the worker receives SIGTERM while the job hangs
      return false;
    }

  private:
    bool& torn_;
  } reporter(torn);
  const Outcome outcome = evaluator.evaluate(faulty_job("stubborn"), reporter);
  EXPECT_EQ(outcome.status, Status::stopped) << outcome.message;
}

TEST(HostEvaluator, DestroyingTheEvaluatorLeavesNoProcess) {
  int pid = -1;
  {
    HostEvaluator evaluator(faulty_spec());
    pid = evaluator.host_pid();
    EXPECT_TRUE(exists(pid));
  }
  EXPECT_FALSE(exists(pid));
}

TEST(HostEvaluator, ALibraryThatCannotLoadIsBadInputFromTheConstructor) {
  try {
    HostEvaluator evaluator(
        plugin_spec("/no/such/libplugin.so", "  x: {type: real, low: 0.0, high: 1.0}\n"));
    FAIL() << "a missing library must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_NE(std::string(e.what()).find("/no/such/libplugin.so"), std::string::npos) << e.what();
  }
}

TEST(HostEvaluator, AMissingHostProgramIsAnEnvironmentError) {
  HostSpec spec = faulty_spec();
  spec.executable = "/no/such/hpsearch-eval-host";
  try {
    HostEvaluator evaluator(spec);
    FAIL() << "a missing host program must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::io_error) << e.what();
  }
}

} // namespace
} // namespace hpsearch
