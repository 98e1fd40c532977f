#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/function_evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <limits>
#include <numbers>

namespace hpsearch {
namespace {

using ::testing::HasSubstr;

Job job_with(Config config, std::uint64_t seed = 1) {
  Job job;
  job.id = 7;
  job.config = std::move(config);
  job.seed = seed;
  return job;
}

std::string construction_error_of(const std::function<void()>& construct) {
  try {
    construct();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    return e.what();
  }
  ADD_FAILURE() << "expected hpsearch::Error";
  return {};
}

TEST(FunctionEvaluator, ReadsParametersByNameInTheGivenOrder) {
  NullReporter reporter;
  FunctionEvaluator evaluator("branin", {"x1", "x2"});
  // The Config's own order (x2 first) and extra entries do not matter.
  const Config config({{"x2", Value{2.275}},
                       {"extra", Value{std::string("ignored")}},
                       {"x1", Value{std::numbers::pi}}});
  const Outcome outcome = evaluator.evaluate(job_with(config), reporter);
  EXPECT_EQ(outcome.status, Status::ok) << outcome.message;
  EXPECT_NEAR(outcome.objective, 5.0 / (4.0 * std::numbers::pi), 1e-9);
  EXPECT_TRUE(outcome.message.empty());

  FunctionEvaluator swapped("branin", {"x2", "x1"});
  EXPECT_NEAR(swapped.evaluate(job_with(config), reporter).objective,
              branin({2.275, std::numbers::pi}), 1e-12);
}

TEST(FunctionEvaluator, IntegerAndBooleanValuesAreNumbers) {
  NullReporter reporter;
  FunctionEvaluator evaluator("rosenbrock", {"a", "b", "c"});
  const Config config({{"a", Value{std::int64_t{-1}}}, {"b", Value{true}}, {"c", Value{2.0}}});
  const Outcome outcome = evaluator.evaluate(job_with(config), reporter);
  ASSERT_EQ(outcome.status, Status::ok) << outcome.message;
  EXPECT_NEAR(outcome.objective, 104.0, 1e-12);
}

TEST(FunctionEvaluator, ReturnsTheRawValueWithTimestamps) {
  NullReporter reporter;
  FunctionEvaluator evaluator("hartmann6", {"a", "b", "c", "d", "e", "f"});
  Config config;
  for (const char* name : {"a", "b", "c", "d", "e", "f"}) config.set(name, Value{0.5});
  const double before = wall_seconds();
  const Outcome outcome = evaluator.evaluate(job_with(config), reporter);
  const double after = wall_seconds();
  ASSERT_EQ(outcome.status, Status::ok);
  EXPECT_NEAR(outcome.objective, -0.5053149917022333, 1e-9); // negative: not negated
  EXPECT_LE(before, outcome.started_at);
  EXPECT_LE(outcome.started_at, outcome.finished_at);
  EXPECT_LE(outcome.finished_at, after);
}

TEST(FunctionEvaluator, UnknownFunctionListsTheKnownNames) {
  const std::string message = construction_error_of([] {
    FunctionEvaluator("brainin", {"x", "y"});
  });
  EXPECT_THAT(message, HasSubstr("'brainin'"));
  EXPECT_THAT(message, HasSubstr("branin, hartmann6, ackley, rosenbrock, sphere"));
}

TEST(FunctionEvaluator, WrongDimensionNamesFunctionAndExpectedDimension) {
  const std::string branin3 = construction_error_of([] {
    FunctionEvaluator("branin", {"x", "y", "z"});
  });
  EXPECT_THAT(branin3, HasSubstr("'branin' takes 2 parameters"));
  EXPECT_THAT(branin3, HasSubstr("has 3 (x, y, z)"));
  const std::string hartmann = construction_error_of([] { FunctionEvaluator("hartmann6", {"x"}); });
  EXPECT_THAT(hartmann, HasSubstr("'hartmann6' takes 6 parameters"));
  const std::string rosen = construction_error_of([] { FunctionEvaluator("rosenbrock", {"x"}); });
  EXPECT_THAT(rosen, HasSubstr("takes any >= 2 parameters"));
  const std::string sphere0 = construction_error_of([] { FunctionEvaluator("sphere", {}); });
  EXPECT_THAT(sphere0, HasSubstr("has 0"));
  EXPECT_NO_THROW(FunctionEvaluator("sphere", {"x"}));
  EXPECT_NO_THROW(FunctionEvaluator("ackley", std::vector<std::string>(10, "x")));
}

TEST(FunctionEvaluator, InvalidSleepRangeIsRejected) {
  EXPECT_THAT(construction_error_of([] { FunctionEvaluator("sphere", {"x"}, -1.0, 1.0); }),
              HasSubstr("objective.sleep"));
  EXPECT_THAT(construction_error_of([] { FunctionEvaluator("sphere", {"x"}, 2.0, 1.0); }),
              HasSubstr("[2, 1]"));
  EXPECT_THROW(FunctionEvaluator("sphere", {"x"}, 0.0, std::numeric_limits<double>::infinity()),
               Error);
}

TEST(FunctionEvaluator, MissingParameterIsAFailedOutcome) {
  NullReporter reporter;
  FunctionEvaluator evaluator("branin", {"x1", "x2"});
  const Outcome outcome = evaluator.evaluate(job_with(Config({{"x1", Value{1.0}}})), reporter);
  EXPECT_EQ(outcome.status, Status::failed);
  EXPECT_TRUE(std::isnan(outcome.objective));
  EXPECT_THAT(outcome.message, HasSubstr("'x2' is missing"));
  EXPECT_LE(outcome.started_at, outcome.finished_at);
  EXPECT_GT(outcome.finished_at, 0.0);
}

TEST(FunctionEvaluator, NonNumericParameterIsAFailedOutcome) {
  NullReporter reporter;
  FunctionEvaluator evaluator("sphere", {"x"});
  const Outcome outcome =
      evaluator.evaluate(job_with(Config({{"x", Value{std::string("relu")}}})), reporter);
  EXPECT_EQ(outcome.status, Status::failed);
  EXPECT_THAT(outcome.message, HasSubstr("sphere"));
}

TEST(FunctionEvaluator, NonFiniteValueIsAFailedOutcome) {
  NullReporter reporter;
  FunctionEvaluator evaluator("rosenbrock", {"a", "b"});
  const Outcome overflow =
      evaluator.evaluate(job_with(Config({{"a", Value{1e200}}, {"b", Value{0.0}}})), reporter);
  EXPECT_EQ(overflow.status, Status::failed);
  EXPECT_THAT(overflow.message, HasSubstr("non-finite"));
  FunctionEvaluator sphere("sphere", {"x"});
  const Outcome nan = sphere.evaluate(
      job_with(Config({{"x", Value{std::numeric_limits<double>::quiet_NaN()}}})), reporter);
  EXPECT_EQ(nan.status, Status::failed);
  EXPECT_TRUE(std::isnan(nan.objective));
}

TEST(FunctionEvaluator, SleepIsDeterministicPerSeedAndInRange) {
  FunctionEvaluator evaluator("sphere", {"x"}, 1.0, 3.0);
  double low = 3.0;
  double high = 1.0;
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    const double s = evaluator.sleep_seconds(seed);
    EXPECT_EQ(s, evaluator.sleep_seconds(seed));
    EXPECT_GE(s, 1.0);
    EXPECT_LE(s, 3.0);
    low = std::min(low, s);
    high = std::max(high, s);
  }
  EXPECT_LT(low, 1.2); // the whole range is used
  EXPECT_GT(high, 2.8);
  EXPECT_NE(evaluator.sleep_seconds(1), evaluator.sleep_seconds(2));
  EXPECT_EQ(FunctionEvaluator("sphere", {"x"}, 0.5, 0.5).sleep_seconds(9), 0.5);
  EXPECT_EQ(FunctionEvaluator("sphere", {"x"}).sleep_seconds(9), 0.0);
}

TEST(FunctionEvaluator, LogSleepIsUniformInLogSpace) {
  FunctionEvaluator evaluator("sphere", {"x"}, 0.001, 1.0, /*sleep_log=*/true);
  int below_median = 0; // log-uniform on [1e-3, 1]: the median is 10^-1.5 ~ 0.0316
  const int n = 4000;
  for (std::uint64_t seed = 0; seed < n; ++seed) {
    const double s = evaluator.sleep_seconds(seed);
    ASSERT_GE(s, 0.001);
    ASSERT_LE(s, 1.0);
    below_median += s < std::pow(10.0, -1.5) ? 1 : 0;
  }
  EXPECT_NEAR(below_median, n / 2, 4 * std::sqrt(n / 4.0)); // 4 sigma of a binomial
  EXPECT_THROW(FunctionEvaluator("sphere", {"x"}, 0.0, 1.0, true), Error);
}

TEST(FunctionEvaluator, EvaluationSleepsWithinTheRange) {
  NullReporter reporter;
  FunctionEvaluator evaluator("sphere", {"x"}, 0.05, 0.10);
  const Job job = job_with(Config({{"x", Value{3.0}}}), 11);
  const double start = monotonic_seconds();
  const Outcome outcome = evaluator.evaluate(job, reporter);
  const double elapsed = monotonic_seconds() - start;
  ASSERT_EQ(outcome.status, Status::ok);
  EXPECT_EQ(outcome.objective, 9.0);
  EXPECT_GE(elapsed, evaluator.sleep_seconds(11) - 1e-3);
  EXPECT_GE(elapsed, 0.05 - 1e-3);
  EXPECT_LT(elapsed, 2.0); // generous: shared machine
  EXPECT_GE(outcome.finished_at - outcome.started_at, 0.05 - 1e-3);
}

TEST(FunctionEvaluator, SameJobSameOutcome) {
  NullReporter reporter;
  FunctionEvaluator evaluator("ackley", {"a", "b", "c"}, 0.0, 0.01);
  const Job job =
      job_with(Config({{"a", Value{0.3}}, {"b", Value{-1.7}}, {"c", Value{std::int64_t{4}}}}), 5);
  const Outcome first = evaluator.evaluate(job, reporter);
  const Outcome second = evaluator.evaluate(job, reporter);
  ASSERT_EQ(first.status, Status::ok);
  EXPECT_EQ(first.objective, second.objective);
  EXPECT_EQ(first.objective, ackley({0.3, -1.7, 4.0}));
}

} // namespace
} // namespace hpsearch
