// The command evaluator in a multi-fidelity search (issue 15): real child processes
// (tests/fixtures/scripts/trial_train.sh) trained in two jobs of one trial, 0 -> 2 then
// 2 -> 5. A script that saves its state resumes from it; one that does not is re-run from
// epoch 1, and the epochs the first job reported are not forwarded a second time.
#include "hpsearch/eval/command_evaluator.hpp"
#include "recording_reporter.hpp"
#include "temp_dir.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <vector>

namespace hpsearch {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using Points = std::vector<std::pair<double, double>>;

const std::string kScript = std::string(HPSEARCH_FIXTURES) + "/scripts/trial_train.sh";

using Recording = test::RecordingReporter;

struct TrialRig {
  TempDir dir;
  std::unique_ptr<CommandEvaluator> evaluator;

  explicit TrialRig(std::vector<std::string> command) {
    CommandSpec spec;
    spec.command = std::move(command);
    spec.workdir = (dir.path() / "work").string();
    spec.keep_workdirs = KeepWorkdirs::all;
    WorkerContext context;
    context.trial_root = (dir.path() / "states").string();
    evaluator = std::make_unique<CommandEvaluator>(spec, context);
  }
  fs::path state(TrialId trial) const {
    return dir.path() / "states" / ("trial-" + std::to_string(trial));
  }
  Outcome run(JobId id, double from, double to, Recording& reporter) {
    Job job;
    job.id = id;
    job.trial = 7;
    job.from_fidelity = from;
    job.fidelity = to;
    return evaluator->evaluate(job, reporter);
  }
};

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const Points kFirstJob = {{1.0, 10.0}, {2.0, 5.0}};
const Points kSecondJob = {{3.0, 10.0 / 3.0}, {4.0, 2.5}, {5.0, 2.0}};

TEST(CommandTrial, ACheckpointingScriptResumesFromItsSavedState) {
  TrialRig rig({"sh", kScript, "checkpoint"});
  Recording first;
  const Outcome a = rig.run(1, 0, 2, first);
  ASSERT_EQ(a.status, Status::ok) << a.message;
  EXPECT_DOUBLE_EQ(a.objective, 5.0);
  EXPECT_EQ(first.points, kFirstJob);
  Recording second;
  const Outcome b = rig.run(2, 2, 5, second);
  ASSERT_EQ(b.status, Status::ok) << b.message;
  EXPECT_DOUBLE_EQ(b.objective, 2.0);
  ASSERT_EQ(second.points.size(), kSecondJob.size());
  for (std::size_t i = 0; i < kSecondJob.size(); ++i) {
    EXPECT_EQ(second.points[i].first, kSecondJob[i].first);
    EXPECT_NEAR(second.points[i].second, kSecondJob[i].second, 1e-6);
  }
  EXPECT_EQ(read(rig.state(7) / "trained.log"), "1\n2\n3\n4\n5\n") << "each epoch trained once";
}

TEST(CommandTrial, AScriptWithoutStateIsReRunAndItsRepeatedStepsAreNotForwarded) {
  TrialRig rig({"sh", kScript, "scratch"});
  Recording first;
  ASSERT_EQ(rig.run(1, 0, 2, first).status, Status::ok);
  EXPECT_EQ(first.points, kFirstJob);
  Recording second;
  const Outcome b = rig.run(2, 2, 5, second);
  ASSERT_EQ(b.status, Status::ok) << b.message;
  EXPECT_DOUBLE_EQ(b.objective, 2.0);
  ASSERT_EQ(second.points.size(), 3u) << "epochs 1 and 2 were reported by the first job";
  EXPECT_EQ(second.points.front().first, 3.0);
  EXPECT_EQ(read(rig.state(7) / "trained.log"), "1\n2\n1\n2\n3\n4\n5\n")
      << "the script re-ran from epoch 1";
  EXPECT_NE(read(rig.dir.path() / "work" / "job-2" / "stdout.log").find("progress: 1 10"),
            std::string::npos)
      << "its output is kept whole in the job's log";
}

TEST(CommandTrial, PlaceholdersNameTheTrial) {
  TrialRig rig({"sh", "-c", "echo \"$0 $1 $2 $3\" >\"$3/args\"; echo objective: 1", "{trial_id}",
                "{from_fidelity}", "{fidelity}", "{trial_dir}"});
  Recording reporter;
  const Outcome o = rig.run(9, 1.5, 4.5, reporter);
  ASSERT_EQ(o.status, Status::ok) << o.message;
  EXPECT_EQ(read(rig.state(7) / "args"), "7 1.5 4.5 " + rig.state(7).string() + "\n");
}

TEST(CommandTrial, ATrialDirectoryThatCannotBeMadeFailsTheJob) {
  TrialRig rig({"sh", kScript, "checkpoint"});
  std::ofstream(rig.dir.path() / "states") << "a file, not a directory";
  Recording reporter;
  const Outcome o = rig.run(1, 0, 2, reporter);
  EXPECT_EQ(o.status, Status::failed);
  EXPECT_NE(o.message.find("cannot create the trial state directory"), std::string::npos)
      << o.message;
}

} // namespace
} // namespace hpsearch
