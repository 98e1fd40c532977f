#include "hpsearch/eval/function_evaluator.hpp"
#include "hpsearch/eval/learning_curves.hpp"
#include "hpsearch/eval/test_functions.hpp"

#include <gtest/gtest.h>
#include <utility>
#include <vector>

namespace hpsearch {
namespace {

/// Keeps every reported (step, value); answers stop from step `stop_at` on.
class RecordingReporter final : public Reporter {
public:
  explicit RecordingReporter(double stop_at = 1e9) : stop_at_(stop_at) {}
  bool report(double step, double value) override {
    points.emplace_back(step, value);
    return step >= stop_at_;
  }
  bool stop_requested() override { return false; }
  std::vector<std::pair<double, double>> points;

private:
  double stop_at_;
};

Job curve_job(double x, double from, double to) {
  Job job;
  job.config = Config({{"x", Value(x)}});
  job.from_fidelity = from;
  job.fidelity = to;
  job.seed = 7;
  return job;
}

TEST(LearningCurves, EndExactlyAtTheKnownFunctionAtFullFidelity) {
  for (const char* name : {"curve_sphere", "curve_branin", "curve_hartmann6"}) {
    const TestFunction& fn = *find_test_function(name);
    ASSERT_NE(fn.curve, nullptr) << name;
    const std::size_t d = fn.dimension != 0 ? fn.dimension : 3;
    const std::vector<double> x = fn.optimum_at(d);
    EXPECT_EQ(fn.curve(x, kCurveSteps), fn.f(x)) << name;
    EXPECT_NEAR(fn.curve(x, kCurveSteps), fn.optimum_value, 1e-5) << name;
    EXPECT_EQ(fn.curve(x, 40.0), fn.f(x)) << name;         // saturated past the last step
    EXPECT_GT(fn.curve(x, 1.0), fn.f(x)) << name;          // far from it at the first
    EXPECT_EQ(fn.curve(x, 5.0), fn.curve(x, 5.0)) << name; // seeded noise
  }
  EXPECT_EQ(find_test_function("sphere")->curve, nullptr);
}

TEST(LearningCurves, MeanFallsAndRatesDependOnTheConfiguration) {
  const std::vector<double> x{0.3, 0.7};
  for (double t = 1; t <= kCurveSteps; ++t) {
    EXPECT_LT(curve_sphere_mean(x, t), curve_sphere_mean(x, t - 1)) << t;
  }
  EXPECT_DOUBLE_EQ(curve_rate(0.0), 0.5);
  EXPECT_DOUBLE_EQ(curve_rate(1.0), 20.0);
  // The noise is there below full fidelity, and shrinks towards it.
  EXPECT_NE(curve_sphere(x, 3.0), curve_sphere_mean(x, 3.0));
}

// The optimum 0.7 (rate 0.5 * 40^0.7 = 6.6) learns slower than 1.0 (rate 20, final 0.09):
// 1.0 looks better early, the optimum wins at full fidelity.
TEST(LearningCurves, CurvesCross) {
  const std::vector<double> optimum{0.7};
  const std::vector<double> fast{1.0};
  EXPECT_LT(curve_sphere_mean(fast, 3.0), curve_sphere_mean(optimum, 3.0));
  EXPECT_GT(curve_sphere_mean(fast, kCurveSteps), curve_sphere_mean(optimum, kCurveSteps));
}

TEST(LearningCurves, EvaluatorReportsEveryStepAndContinuesTheSameCurve) {
  FunctionEvaluator evaluator("curve_sphere", {"x"});
  RecordingReporter whole;
  const Outcome all = evaluator.evaluate(curve_job(0.4, 0, 9), whole);
  ASSERT_EQ(all.status, Status::ok) << all.message;
  ASSERT_EQ(whole.points.size(), 9u);
  for (std::size_t i = 0; i < 9; ++i) {
    EXPECT_EQ(whole.points[i].first, static_cast<double>(i + 1));
    EXPECT_EQ(whole.points[i].second, curve_sphere({0.4}, static_cast<double>(i + 1)));
  }
  EXPECT_EQ(all.objective, whole.points.back().second);

  RecordingReporter first;
  RecordingReporter rest;
  EXPECT_EQ(evaluator.evaluate(curve_job(0.4, 0, 3), first).status, Status::ok);
  const Outcome continued = evaluator.evaluate(curve_job(0.4, 3, 9), rest);
  EXPECT_EQ(continued.objective, all.objective);
  first.points.insert(first.points.end(), rest.points.begin(), rest.points.end());
  EXPECT_EQ(first.points, whole.points);

  RecordingReporter full;
  EXPECT_EQ(evaluator.evaluate(curve_job(0.4, 0, 0), full).objective, curve_sphere_final({0.4}));
  EXPECT_EQ(full.points.size(), 27u);
}

TEST(LearningCurves, EvaluatorStopsWhenTheReporterSaysSoAndRefusesAnEmptyJob) {
  FunctionEvaluator evaluator("curve_sphere", {"x"});
  RecordingReporter stopper(4.0);
  const Outcome stopped = evaluator.evaluate(curve_job(0.2, 0, 9), stopper);
  EXPECT_EQ(stopped.status, Status::stopped);
  EXPECT_EQ(stopper.points.size(), 4u);
  EXPECT_EQ(stopped.objective, curve_sphere({0.2}, 4.0));

  RecordingReporter none;
  const Outcome empty = evaluator.evaluate(curve_job(0.2, 9, 9), none);
  EXPECT_EQ(empty.status, Status::failed);
  EXPECT_NE(empty.message.find("no whole step"), std::string::npos) << empty.message;
  EXPECT_TRUE(none.points.empty());
}

} // namespace
} // namespace hpsearch
