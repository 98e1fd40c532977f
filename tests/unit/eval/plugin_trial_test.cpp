// Plugins in a multi-fidelity search (issue 15), with the real test plugins
// (tests/fixtures/plugins/trial_plugin.c): a trial trained in two jobs, 0 -> 2 then 2 -> 5,
// in the worker process (PluginEvaluator) and through the evaluation host (HostEvaluator:
// the host protocol carries the trial root, the trial and from_fidelity). An ABI-2 plugin
// resumes from the state it saved in hps_trial_dir(); an ABI-1 plugin (built before the trial
// fields existed) still loads, re-runs from epoch 1, and its repeated epochs are not
// forwarded.
#include "hpsearch/eval/host_evaluator.hpp"
#include "hpsearch/eval/plugin_evaluator.hpp"
#include "recording_reporter.hpp"
#include "temp_dir.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <vector>

namespace hpsearch {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using Points = std::vector<std::pair<double, double>>;

using Recording = test::RecordingReporter;

Job trial_job(JobId id, double from, double to) {
  Job job;
  job.id = id;
  job.trial = 4;
  job.from_fidelity = from;
  job.fidelity = to;
  job.config.set("x", 1.0);
  return job;
}

const Points kFirstJob = {{1.0, 11.0}, {2.0, 6.0}};
const Points kSecondJob = {{3.0, 1.0 + 10.0 / 3.0}, {4.0, 3.5}, {5.0, 3.0}};

/// Runs the trial's two jobs with `evaluator` and checks what the manager would see.
void two_jobs(Evaluator& evaluator, const std::string& second_message) {
  Recording first;
  const Outcome a = evaluator.evaluate(trial_job(1, 0, 2), first);
  ASSERT_EQ(a.status, Status::ok) << a.message;
  EXPECT_EQ(a.message, "trained epochs 1..2");
  EXPECT_EQ(first.points, kFirstJob);
  Recording second;
  const Outcome b = evaluator.evaluate(trial_job(2, 2, 5), second);
  ASSERT_EQ(b.status, Status::ok) << b.message;
  EXPECT_EQ(b.message, second_message);
  EXPECT_DOUBLE_EQ(b.objective, 3.0);
  EXPECT_EQ(second.points, kSecondJob) << "epochs 1 and 2 were the first job's";
}

TEST(PluginTrial, AnAbi2PluginResumesFromTheStateItSaved) {
  TempDir dir;
  PluginEvaluator evaluator(HPSEARCH_TRIAL_PLUGIN, dir.path().string());
  two_jobs(evaluator, "trained epochs 3..5");
  std::ifstream state(dir.path() / "trial-4" / "state");
  int epoch = 0;
  state >> epoch;
  EXPECT_EQ(epoch, 5);
}

TEST(PluginTrial, AnAbi1PluginLoadsIsReRunAndItsRepeatedStepsAreNotForwarded) {
  TempDir dir;
  PluginEvaluator evaluator(HPSEARCH_TRIAL_PLUGIN_V1, dir.path().string());
  two_jobs(evaluator, "trained epochs 1..5");
}

TEST(PluginTrial, WithoutATrialRootTheTrialDirIsNull) {
  PluginEvaluator evaluator(HPSEARCH_TRIAL_PLUGIN);
  Recording reporter;
  const Outcome o = evaluator.evaluate(trial_job(1, 0, 2), reporter);
  EXPECT_EQ(o.status, Status::failed);
  EXPECT_EQ(o.message, "plugin returned 2: no trial directory");
}

HostSpec trial_host(const std::string& library, const std::string& trial_root) {
  HostSpec spec;
  spec.executable = find_eval_host();
  spec.init.problem_text = "space:\n  x: {type: real, low: 0, high: 2}\nobjective: {kind: plugin, "
                           "library: " +
                           library + "}\n";
  spec.init.problem_origin = "plugin_trial_test.yaml";
  spec.init.trial_root = trial_root;
  spec.what = "plugin '" + library + "'";
  spec.kill_grace = 0.5;
  return spec;
}

TEST(PluginTrial, TheEvaluationHostPassesTheTrialToThePlugin) {
  TempDir dir;
  HostEvaluator evaluator(trial_host(HPSEARCH_TRIAL_PLUGIN, dir.path().string()));
  two_jobs(evaluator, "trained epochs 3..5");
  EXPECT_TRUE(fs::exists(dir.path() / "trial-4" / "state"));
}

TEST(PluginTrial, TheEvaluationHostDropsAnAbi1PluginsRepeatedSteps) {
  TempDir dir;
  HostEvaluator evaluator(trial_host(HPSEARCH_TRIAL_PLUGIN_V1, dir.path().string()));
  two_jobs(evaluator, "trained epochs 1..5");
}

} // namespace
} // namespace hpsearch
