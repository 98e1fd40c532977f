// A trial's state directory (eval/trial_state.hpp) and the reporter that drops a
// continuation job's repeated steps (eval/continuation_reporter.hpp), on real directories.
#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/continuation_reporter.hpp"
#include "hpsearch/eval/trial_state.hpp"
#include "temp_dir.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <vector>

namespace hpsearch {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

Job job_of(TrialId trial, double from, JobId id = 5) {
  Job job;
  job.id = id;
  job.trial = trial;
  job.from_fidelity = from;
  job.fidelity = from + 3;
  return job;
}

TEST(TrialState, TheTrialIsTheJobsOwnIdWhenItHasNone) {
  EXPECT_EQ(trial_of(job_of(-1, 0, 8)), 8);
  EXPECT_EQ(trial_of(job_of(3, 0, 8)), 3);
  EXPECT_EQ(trial_state_path("runs/s.trials", 12), "runs/s.trials/trial-12");
}

TEST(TrialState, AFirstJobStartsEmptyAContinuationFindsTheState) {
  TempDir dir;
  const std::string root = (dir.path() / "states").string();
  const std::string path = prepare_trial_state(root, job_of(4, 0));
  EXPECT_EQ(path, (dir.path() / "states" / "trial-4").string());
  ASSERT_TRUE(fs::is_directory(path));
  std::ofstream(path + "/model.pt") << "weights";
  EXPECT_EQ(prepare_trial_state(root, job_of(4, 3)), path);
  EXPECT_TRUE(fs::exists(path + "/model.pt")) << "a continuation keeps the saved state";
  EXPECT_EQ(prepare_trial_state(root, job_of(4, 0)), path);
  EXPECT_FALSE(fs::exists(path + "/model.pt")) << "a re-run from scratch starts empty";
}

TEST(TrialState, AnExploitStartsFromACopyOfTheDonorsStateWhichStaysUntouched) {
  TempDir dir;
  const std::string root = (dir.path() / "states").string();
  const std::string donor = prepare_trial_state(root, job_of(2, 0));
  fs::create_directories(donor + "/sub");
  std::ofstream(donor + "/model.pt") << "donor weights";
  std::ofstream(donor + "/sub/opt.pt") << "donor optimizer";
  const std::string child = prepare_trial_state(root, job_of(7, 0));
  std::ofstream(child + "/model.pt") << "an earlier attempt";
  std::ofstream(child + "/stale.pt") << "left by an earlier attempt";
  Job exploit = job_of(7, 4);
  exploit.donor = 2;
  EXPECT_EQ(prepare_trial_state(root, exploit), child);
  const auto text = [](const std::string& file) {
    std::ifstream in(file);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  EXPECT_EQ(text(child + "/model.pt"), "donor weights");
  EXPECT_EQ(text(child + "/sub/opt.pt"), "donor optimizer");
  EXPECT_FALSE(fs::exists(child + "/stale.pt")) << "the copy replaces the directory";
  EXPECT_FALSE(fs::exists(child + ".copying"));
  std::ofstream(child + "/model.pt") << "trained further";
  EXPECT_EQ(text(donor + "/model.pt"), "donor weights") << "the donor's state is a copy's source";
}

TEST(TrialState, AMissingDonorStateIsAnIoErrorNamingTheDonor) {
  TempDir dir;
  Job exploit = job_of(7, 4);
  exploit.donor = 3;
  try {
    prepare_trial_state((dir.path() / "states").string(), exploit);
    FAIL() << "no state to copy";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::io_error);
    EXPECT_NE(std::string(e.what()).find("donor trial 3"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("trial-3"), std::string::npos) << e.what();
  }
}

TEST(TrialState, AnUncreatableDirectoryIsAnIoErrorNamingIt) {
  TempDir dir;
  const std::string file = dir.file("plain");
  std::ofstream(file) << "x";
  try {
    prepare_trial_state(file, job_of(1, 0));
    FAIL() << "a file where the root should be";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::io_error);
    EXPECT_NE(std::string(e.what()).find(file + "/trial-1"), std::string::npos) << e.what();
  }
}

TEST(TrialState, RemovalFreesTheStateAndSaysHowMuch) {
  TempDir dir;
  const std::string root = dir.path().string();
  const std::string path = prepare_trial_state(root, job_of(2, 0));
  fs::create_directories(path + "/sub");
  std::ofstream(path + "/a.bin") << std::string(1000, 'a');
  std::ofstream(path + "/sub/b.bin") << std::string(24, 'b');
  EXPECT_EQ(directory_bytes(path), 1024u);
  const TrialStateRemoval removal = remove_trial_state(root, 2);
  EXPECT_TRUE(removal.existed);
  EXPECT_EQ(removal.bytes, 1024u);
  EXPECT_EQ(removal.error, "");
  EXPECT_FALSE(fs::exists(path));
  const TrialStateRemoval again = remove_trial_state(root, 2);
  EXPECT_FALSE(again.existed);
  EXPECT_EQ(again.error, "");
}

TEST(TrialState, OnlyPausedTrialsKeepTheirStateUnderNone) {
  EXPECT_TRUE(trial_state_removable(KeepTrialStates::none, TrialDecision::finished));
  EXPECT_TRUE(trial_state_removable(KeepTrialStates::none, TrialDecision::stopped));
  EXPECT_FALSE(trial_state_removable(KeepTrialStates::none, TrialDecision::paused));
  EXPECT_FALSE(trial_state_removable(KeepTrialStates::all, TrialDecision::finished));
  EXPECT_FALSE(trial_state_removable(KeepTrialStates::all, TrialDecision::stopped));
  EXPECT_EQ(keep_trial_states_policies.at("all"), KeepTrialStates::all);
}

/// Records what it is given; answers `stop` (a pause when `pause` too).
struct DecisionRecorder final : Reporter {
  bool report(double step, double value) override {
    points.emplace_back(step, value);
    return stop;
  }
  bool stop_requested() override { return stop; }
  ReportDecision decision() override {
    if (!stop) return ReportDecision::proceed;
    return pause ? ReportDecision::pause : ReportDecision::stop;
  }
  std::vector<std::pair<double, double>> points;
  bool stop = false;
  bool pause = false;
};

TEST(ContinuationReporter, DropsTheStepsEarlierJobsReportedAndForwardsTheRest) {
  DecisionRecorder inner;
  ContinuationReporter reporter(inner, 3.0);
  for (int step = 1; step <= 5; ++step) EXPECT_FALSE(reporter.report(step, 10.0 / step));
  EXPECT_EQ(reporter.repeated(), 3u);
  const std::vector<std::pair<double, double>> expected = {{4.0, 2.5}, {5.0, 2.0}};
  EXPECT_EQ(inner.points, expected);
  inner.stop = true;
  EXPECT_TRUE(reporter.report(2.0, 5.0)) << "a dropped report still answers a stop";
  EXPECT_EQ(inner.points.size(), 2u);
}

TEST(ContinuationReporter, PassesThePauseDecisionOn) {
  DecisionRecorder inner;
  ContinuationReporter reporter(inner, 3.0);
  EXPECT_EQ(reporter.decision(), ReportDecision::proceed);
  inner.stop = true;
  inner.pause = true;
  EXPECT_TRUE(reporter.report(4.0, 1.0));
  EXPECT_EQ(reporter.decision(), ReportDecision::pause);
  EXPECT_TRUE(reporter.pause_requested()) << "the evaluator saves the trial's state";
}

TEST(ContinuationReporter, AFirstJobForwardsEveryStep) {
  DecisionRecorder inner;
  ContinuationReporter reporter(inner, 0.0);
  reporter.report(0.0, 1.0);
  reporter.report(1.0, 0.5);
  EXPECT_EQ(inner.points.size(), 2u);
  EXPECT_EQ(reporter.repeated(), 0u);
}

} // namespace
} // namespace hpsearch
