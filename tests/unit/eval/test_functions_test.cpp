#include "hpsearch/core/rng.hpp"
#include "hpsearch/eval/test_functions.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <numbers>

namespace hpsearch {
namespace {

using std::numbers::pi;

const TestFunction& get(std::string_view name) {
  const TestFunction* function = find_test_function(name);
  if (function == nullptr) throw std::runtime_error("no test function " + std::string(name));
  return *function;
}

TEST(TestFunctions, RegistryListsTheStandardFunctionsThenTheLearningCurves) {
  EXPECT_EQ(test_function_names(),
            "branin, hartmann6, ackley, rosenbrock, sphere, rastrigin, levy, griewank, zakharov, "
            "dixon_price, hartmann3, six_hump_camel, goldstein_price, "
            "curve_sphere, curve_branin, curve_hartmann6, pbt_toy");
  EXPECT_EQ(find_test_function("nope"), nullptr);
  EXPECT_EQ(find_test_function("Branin"), nullptr); // exact, lower-case names only
  EXPECT_EQ(get("branin").f, &branin);
  EXPECT_TRUE(get("branin").accepts(2));
  EXPECT_FALSE(get("branin").accepts(3));
  EXPECT_FALSE(get("rosenbrock").accepts(1));
  EXPECT_TRUE(get("rosenbrock").accepts(7));
  EXPECT_TRUE(get("sphere").accepts(1));
  EXPECT_EQ(get("hartmann6").dimension_text(), "6");
  EXPECT_EQ(get("ackley").dimension_text(), "any >= 1");
}

// The Branin minimum is exactly 5/(4 pi): at each minimiser the squared term vanishes and
// cos(x1) = -1, leaving s(1 - t)(-1) + s = s t = 10/(8 pi).
TEST(TestFunctions, BraninMinimaAreExactlyFiveOverFourPi) {
  const double minimum = 5.0 / (4.0 * pi);
  EXPECT_NEAR(minimum, 0.39788735772973816, 1e-15);
  EXPECT_NEAR(branin({-pi, 12.275}), minimum, 1e-9);
  EXPECT_NEAR(branin({pi, 2.275}), minimum, 1e-9);
  EXPECT_NEAR(branin({3.0 * pi, 2.475}), minimum, 1e-9);
  // The published, rounded minimiser and value.
  EXPECT_NEAR(branin({9.42478, 2.475}), 0.397887, 1e-6);
  EXPECT_NEAR(get("branin").optimum_value, minimum, 1e-15);
}

TEST(TestFunctions, BraninMatchesHandExpandedValues) {
  // (0, 0): (0 - 0 + 0 - 6)^2 + 10(1 - 1/(8 pi)) cos 0 + 10 = 56 - 5/(4 pi).
  EXPECT_NEAR(branin({0.0, 0.0}), 56.0 - 5.0 / (4.0 * pi), 1e-9);
  // (0, 6): inner term 0, cos 0 = 1: 20 - 5/(4 pi).
  EXPECT_NEAR(branin({0.0, 6.0}), 20.0 - 5.0 / (4.0 * pi), 1e-9);
}

TEST(TestFunctions, Hartmann6PublishedOptimum) {
  const auto& h = get("hartmann6");
  EXPECT_NEAR(hartmann6(h.optimum_at(6)), -3.32237, 1e-5);
  EXPECT_DOUBLE_EQ(h.optimum_value, -3.32237);
}

TEST(TestFunctions, Hartmann6MatchesIndependentEvaluation) {
  // Reference values from a separate Python implementation of the published formula.
  EXPECT_NEAR(hartmann6({0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573}),
              -3.322368011391339, 1e-9);
  EXPECT_NEAR(hartmann6({0.5, 0.5, 0.5, 0.5, 0.5, 0.5}), -0.5053149917022333, 1e-9);
  EXPECT_NEAR(hartmann6({0, 0, 0, 0, 0, 0}), -0.00508911288366444, 1e-9);
  // Far from every centre each exponential underflows to zero.
  EXPECT_EQ(hartmann6({100, 100, 100, 100, 100, 100}), 0.0);
}

TEST(TestFunctions, AckleyMatchesHandExpandedValues) {
  // All coordinates 1: cos(2 pi) = 1, so f = 20 - 20 exp(-0.2) in any dimension.
  EXPECT_NEAR(ackley({1.0}), 20.0 - 20.0 * std::exp(-0.2), 1e-9);
  EXPECT_NEAR(ackley({1.0, 1.0, 1.0}), 20.0 - 20.0 * std::exp(-0.2), 1e-9);
  // 0.5: cos(pi) = -1, sqrt(mean x^2) = 0.5.
  EXPECT_NEAR(ackley({0.5, -0.5}), -20.0 * std::exp(-0.1) - std::exp(-1.0) + 20.0 + std::numbers::e,
              1e-9);
}

TEST(TestFunctions, RosenbrockAndSphereMatchHandExpandedValues) {
  EXPECT_NEAR(rosenbrock({0.0, 0.0}), 1.0, 1e-12);
  EXPECT_NEAR(rosenbrock({1.0, 2.0}), 100.0, 1e-12);
  EXPECT_NEAR(rosenbrock({0.0, 0.0, 0.0}), 2.0, 1e-12);
  EXPECT_NEAR(rosenbrock({-1.0, 1.0, 2.0}), 4.0 + 100.0 * 1.0, 1e-12);
  EXPECT_NEAR(sphere({1.0, -2.0, 3.0}), 14.0, 1e-12);
}

TEST(TestFunctions, TheSuiteFunctionsMatchIndependentEvaluation) {
  // Reference values from a separate Python implementation of the published formulas.
  EXPECT_NEAR(rastrigin({0.5, -1.2, 2.0}), 32.599830056250525, 1e-9);
  EXPECT_NEAR(levy({0.0, 2.5, -3.0}), 2.679781361834861, 1e-9);
  EXPECT_NEAR(griewank({10.0, -20.0, 5.0}), 1.1352844160121043, 1e-9);
  EXPECT_NEAR(zakharov({1.0, -0.5, 2.0}), 95.25, 1e-9);
  EXPECT_NEAR(dixon_price({0.3, -0.7, 1.1}), 30.618000000000002, 1e-9);
  EXPECT_NEAR(hartmann3({0.5, 0.5, 0.5}), -0.6280220150705937, 1e-9);
  EXPECT_NEAR(six_hump_camel({1.0, -0.5}), 0.9833333333333334, 1e-9);
  EXPECT_NEAR(goldstein_price({0.5, 0.5}), 1210.6875, 1e-9);
  // Both six-hump camel minima, and the published Hartmann-3 value.
  EXPECT_NEAR(six_hump_camel({-0.08984201368301331, 0.7126564032704135}), -1.031628453489877,
              1e-12);
  EXPECT_NEAR(hartmann3({0.114614, 0.555649, 0.852547}), -3.86278, 1e-5);
}

TEST(TestFunctions, AnyDimensionMinimaAreZeroAtTheirMinimiser) {
  for (const char* name : {"ackley", "rosenbrock", "sphere", "rastrigin", "levy", "griewank",
                           "zakharov", "dixon_price"}) {
    const auto& fn = get(name);
    for (std::size_t d = fn.min_dimension; d <= 10; ++d) {
      const auto x = fn.optimum_at(d);
      ASSERT_EQ(x.size(), d) << name;
      EXPECT_EQ(fn.optimum_value, 0.0);
      EXPECT_NEAR(fn.f(x), 0.0, 1e-9) << name << " d=" << d;
    }
  }
  EXPECT_EQ(get("ackley").optimum_at(3), std::vector<double>(3, 0.0));
  EXPECT_EQ(get("rosenbrock").optimum_at(4), std::vector<double>(4, 1.0));
}

TEST(TestFunctions, OptimumLiesInTheDomainAndNudgingItNeverImproves) {
  for (const auto& fn : test_functions()) {
    // pbt_toy is monotone in h: its minimum is a corner of the domain, where a nudge leaves
    // the domain (pbt_toy_test checks it against the closed form).
    if (fn.name == "pbt_toy") continue;
    const std::size_t d = fn.dimension != 0 ? fn.dimension : 5;
    const auto x = fn.optimum_at(d);
    const auto domain = fn.domain(d);
    ASSERT_EQ(domain.size(), d) << fn.name;
    const double best = fn.f(x);
    EXPECT_NEAR(best, fn.optimum_value, 1e-5) << fn.name;
    for (std::size_t k = 0; k < d; ++k) {
      EXPECT_LE(domain[k].first, x[k]) << fn.name;
      EXPECT_GE(domain[k].second, x[k]) << fn.name;
      for (double step : {-1e-3, 1e-3}) {
        auto y = x;
        y[k] += step;
        EXPECT_GT(fn.f(y), best) << fn.name << " coordinate " << k << " step " << step;
      }
    }
  }
}

TEST(TestFunctions, NoRandomPointOfTheDomainBeatsTheKnownMinimum) {
  Rng rng(2024);
  for (const auto& fn : test_functions()) {
    const std::size_t d = fn.dimension != 0 ? fn.dimension : 4;
    const auto domain = fn.domain(d);
    for (int i = 0; i < 2000; ++i) {
      std::vector<double> x(d);
      for (std::size_t k = 0; k < d; ++k) x[k] = rng.uniform(domain[k].first, domain[k].second);
      EXPECT_GE(fn.f(x), fn.optimum_value - 1e-5) << fn.name;
    }
  }
}

} // namespace
} // namespace hpsearch
