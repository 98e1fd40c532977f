// The PBT paper's toy problem (eval/pbt_toy.hpp) and its built-in function kind `pbt_toy`,
// whose theta is saved and loaded through the trial state directories: a trial continued in
// segments, or copied from a donor, trains on from the saved theta.
#include "hpsearch/eval/function_evaluator.hpp"
#include "hpsearch/eval/pbt_toy.hpp"
#include "hpsearch/eval/test_functions.hpp"
#include "hpsearch/eval/trial_state.hpp"

#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

namespace hpsearch {
namespace {

namespace fs = std::filesystem;

struct TempRoot {
  std::string path = (fs::temp_directory_path() /
                      ("hpsearch-pbt-toy-" + std::to_string(::getpid()) + "-" +
                       ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                         .string();
  TempRoot() { fs::remove_all(path); }
  ~TempRoot() { fs::remove_all(path); }
};

Job job(TrialId trial, double h0, double h1, double from, double to, TrialId donor = -1) {
  Job j;
  j.id = trial;
  j.trial = trial;
  j.config = Config({{"h0", Value{h0}}, {"h1", Value{h1}}});
  j.from_fidelity = from;
  j.fidelity = to;
  j.donor = donor;
  return j;
}

TEST(PbtToy, AStepIsGradientAscentOnTheSurrogate) {
  PbtToyState s;
  pbt_toy_step(s, 1.0, 0.0);
  EXPECT_DOUBLE_EQ(s.theta0, 0.9 * (1.0 - 2.0 * kPbtToyStepSize));
  EXPECT_DOUBLE_EQ(s.theta1, 0.9) << "h1 = 0: the surrogate ignores theta1";
  EXPECT_EQ(s.step, 1);
  EXPECT_DOUBLE_EQ(pbt_toy_q(s), 1.2 - (s.theta0 * s.theta0 + 0.81));
  const double t = 0.9 * std::pow(1.0 - 2.0 * kPbtToyStepSize * 0.5, 10);
  EXPECT_NEAR(pbt_toy_curve({0.5, 0.5}, 10), 1.2 - 2.0 * t * t, 1e-12);
  const TestFunction* fn = find_test_function("pbt_toy");
  ASSERT_NE(fn, nullptr);
  EXPECT_NEAR(fn->f({0.0, 0.0}), fn->optimum_value, 1e-12) << "h = 0: theta never moves";
  EXPECT_GT(fn->f({1.0, 1.0}), fn->f({0.5, 1.0}));
}

TEST(PbtToy, TheStateRoundTripsBitForBit) {
  TempRoot root;
  fs::create_directories(root.path);
  EXPECT_EQ(read_pbt_toy_state(root.path), std::nullopt);
  PbtToyState s;
  for (int i = 0; i < 7; ++i) pbt_toy_step(s, 0.3, 0.7);
  write_pbt_toy_state(root.path, s);
  EXPECT_EQ(read_pbt_toy_state(root.path), s);
}

TEST(PbtToy, SegmentsThroughTheTrialStateEqualOneRun) {
  TempRoot root;
  FunctionEvaluator e("pbt_toy", {"h0", "h1"}, 0.0, 0.0, false, root.path);
  NullReporter r;
  const Outcome first = e.evaluate(job(0, 0.4, 0.9, 0, 4), r);
  ASSERT_EQ(first.status, Status::ok) << first.message;
  const Outcome second = e.evaluate(job(0, 0.4, 0.9, 4, 9), r);
  ASSERT_EQ(second.status, Status::ok) << second.message;
  EXPECT_DOUBLE_EQ(second.objective, pbt_toy_curve({0.4, 0.9}, 9));
  EXPECT_EQ(read_pbt_toy_state(trial_state_path(root.path, 0))->step, 9);
}

TEST(PbtToy, ACopiedTrialTrainsOnFromTheDonorsThetaWithItsOwnH) {
  TempRoot root;
  FunctionEvaluator e("pbt_toy", {"h0", "h1"}, 0.0, 0.0, false, root.path);
  NullReporter r;
  ASSERT_EQ(e.evaluate(job(0, 1.0, 0.0, 0, 5), r).status, Status::ok);
  const Outcome child = e.evaluate(job(1, 0.0, 1.0, 5, 8, 0), r);
  ASSERT_EQ(child.status, Status::ok) << child.message;
  // The schedule h = (1, 0) for 5 steps, then (0, 1) for 3: what neither h does alone.
  PbtToyState want;
  for (int i = 0; i < 5; ++i) pbt_toy_step(want, 1.0, 0.0);
  for (int i = 0; i < 3; ++i) pbt_toy_step(want, 0.0, 1.0);
  EXPECT_DOUBLE_EQ(child.objective, pbt_toy_q(want));
  EXPECT_GT(child.objective, pbt_toy_curve({1.0, 0.0}, 8));
  EXPECT_GT(child.objective, pbt_toy_curve({0.0, 1.0}, 8));
  EXPECT_EQ(read_pbt_toy_state(trial_state_path(root.path, 0))->step, 5) << "donor untouched";
}

TEST(PbtToy, AContinuationWithoutItsStateFails) {
  TempRoot root;
  NullReporter r;
  FunctionEvaluator with_root("pbt_toy", {"h0", "h1"}, 0.0, 0.0, false, root.path);
  const Outcome missing = with_root.evaluate(job(3, 0.5, 0.5, 4, 6), r);
  EXPECT_EQ(missing.status, Status::failed);
  EXPECT_NE(missing.message.find("no saved state"), std::string::npos) << missing.message;
  FunctionEvaluator no_root("pbt_toy", {"h0", "h1"});
  EXPECT_EQ(no_root.evaluate(job(3, 0.5, 0.5, 4, 6), r).status, Status::failed);
  const Outcome scratch = no_root.evaluate(job(3, 0.5, 0.5, 0, 6), r);
  ASSERT_EQ(scratch.status, Status::ok) << scratch.message;
  EXPECT_DOUBLE_EQ(scratch.objective, pbt_toy_curve({0.5, 0.5}, 6));
}

} // namespace
} // namespace hpsearch
