// The trial view of a checkpoint (store/trial_view.hpp): jobs grouped per trial, the
// fidelity reached, the last objective, the decision, and the learning curve across pauses.
#include "hpsearch/store/reader.hpp"
#include "hpsearch/store/trial_view.hpp"
#include "store_test_util.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::TempDir;

std::vector<TrialSummary> view_of_written_file(const TempDir& dir) {
  const std::string path = dir.file("mf.h5");
  test::write_multi_fidelity_checkpoint(path);
  return trial_view(read_checkpoint(path));
}

TEST(TrialView, GroupsJobsPerTrialInRecordedOrder) {
  TempDir dir;
  const auto trials = view_of_written_file(dir);
  ASSERT_EQ(trials.size(), 4u);
  EXPECT_EQ(trials[0].trial, 10);
  EXPECT_EQ(trials[1].trial, 11);
  EXPECT_EQ(trials[2].trial, 12);
  EXPECT_EQ(trials[3].trial, 13);
  EXPECT_EQ(trials[0].jobs, (std::vector<std::size_t>{0, 2, 5}));
  EXPECT_EQ(trials[1].jobs, (std::vector<std::size_t>{1}));
  EXPECT_EQ(trials[2].jobs, (std::vector<std::size_t>{3, 4, 6}));
  EXPECT_EQ(trials[3].jobs, (std::vector<std::size_t>{7}));
}

TEST(TrialView, FidelityReachedLastObjectiveAndDecision) {
  TempDir dir;
  const auto trials = view_of_written_file(dir);
  ASSERT_EQ(trials.size(), 4u);
  EXPECT_EQ(trials[0].fidelity, 9.0);
  EXPECT_EQ(trials[0].objective, 0.80);
  EXPECT_EQ(trials[0].decision, TrialDecision::finished);
  EXPECT_EQ(trials[1].fidelity, 1.0);
  EXPECT_EQ(trials[1].objective, 0.95);
  EXPECT_EQ(trials[1].decision, TrialDecision::stopped);
  // The lost job reached nothing; its re-run did.
  EXPECT_EQ(trials[2].fidelity, 3.0);
  EXPECT_EQ(trials[2].objective, 0.70);
  EXPECT_EQ(trials[2].decision, TrialDecision::paused);
  EXPECT_FALSE(trials[3].has_value());
  EXPECT_TRUE(std::isnan(trials[3].fidelity));
  EXPECT_EQ(trials[3].status, Status::failed);
}

TEST(TrialView, CurveAcrossPausesKeepsARepeatedStepOnceFromTheLatestJob) {
  TempDir dir;
  const auto trials = view_of_written_file(dir);
  ASSERT_EQ(trials.size(), 4u);
  const auto& curve = trials[0].curve;
  ASSERT_EQ(curve.size(), 9u);
  for (std::size_t k = 0; k < curve.size(); ++k) {
    EXPECT_EQ(curve[k].step, static_cast<double>(k + 1));
    EXPECT_EQ(curve[k].eval_id, 5) << "step " << curve[k].step; // the re-run covers all
  }
  EXPECT_EQ(curve[0].value, 0.31);
  // Trial 12: step 1 from job 3, steps 2 and 3 from job 6 (the re-run of lost job 4).
  const auto& resumed = trials[2].curve;
  ASSERT_EQ(resumed.size(), 3u);
  EXPECT_EQ(resumed[0], (CurvePoint{3, 1.0, 0.40}));
  EXPECT_EQ(resumed[1], (CurvePoint{6, 2.0, 0.55}));
  EXPECT_EQ(resumed[2], (CurvePoint{6, 3.0, 0.70}));
  EXPECT_TRUE(trials[3].curve.empty());
}

TEST(TrialView, AFullFidelityFileHasOneTrialPerJobAndNoTrials) {
  TempDir dir;
  const std::string path = dir.file("ff.h5");
  {
    Checkpoint cp = Checkpoint::create(path, test::mixed_space(), test::test_info());
    for (int i = 0; i < 5; ++i) cp.append(test::make_evaluation(i));
  }
  const CheckpointContents c = read_checkpoint(path);
  EXPECT_FALSE(has_trials(c));
  const auto trials = trial_view(c);
  ASSERT_EQ(trials.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(trials[i].trial, i);
    EXPECT_EQ(trials[i].jobs, (std::vector<std::size_t>{static_cast<std::size_t>(i)}));
  }
  CheckpointContents mf = read_checkpoint(path);
  mf.evaluations[2].rung = 0;
  EXPECT_TRUE(has_trials(mf));
}

} // namespace
} // namespace hpsearch
