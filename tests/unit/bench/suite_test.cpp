// The issue-17 benchmark suite (bench/suite): every problem's known minimum is right (its
// minimiser reaches it and no random configuration beats it), the split follows the
// published rule, and the noise is the same for every tool.
#include "hpsearch/core/rng.hpp"
#include "hpsearch/eval/test_functions.hpp"
#include "suite/suite_problem.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <set>

namespace hpsearch::bench {
namespace {

TEST(BenchSuite, HasAtLeastThirtyDistinctProblemsInBothHalves) {
  std::set<std::string> names;
  int tuning = 0;
  for (const auto& p : suite_problems()) {
    names.insert(p.name);
    tuning += p.half() == Half::tuning ? 1 : 0;
  }
  EXPECT_GE(suite_problems().size(), 30U);
  EXPECT_EQ(names.size(), suite_problems().size());
  EXPECT_GE(tuning, 10);
  EXPECT_GE(static_cast<int>(suite_problems().size()) - tuning, 10);
  EXPECT_EQ(find_suite_problem("hartmann6")->name, "hartmann6");
  EXPECT_EQ(find_suite_problem("nope"), nullptr);
}

TEST(BenchSuite, TheSplitIsTheParityOfTheNamesFnv1aHash) {
  // FNV-1a 64 of "" is its offset basis 0xcbf29ce484222325 (odd), of "a" 0xaf63dc4c8601ec8c.
  EXPECT_EQ(half_of(""), Half::test);
  EXPECT_EQ(half_of("a"), Half::tuning);
  EXPECT_EQ(to_string(Half::tuning), "tuning");
  EXPECT_EQ(to_string(Half::test), "test");
}

TEST(BenchSuite, EveryKnownMinimumIsReachedAndNeverBeaten) {
  Rng rng(17);
  for (const auto& p : suite_problems()) {
    ASSERT_TRUE(p.space.contains(p.optimum_at)) << p.name << ": " << p.optimum_at.to_string();
    EXPECT_NEAR(p.truth(p.optimum_at), p.optimum, 1e-5) << p.name;
    for (int i = 0; i < 1500; ++i) {
      const Config c = p.space.sample(rng);
      ASSERT_GE(p.truth(c), p.optimum - 1e-5) << p.name << " at " << c.to_string();
    }
  }
}

TEST(BenchSuite, RotatedProblemsMoveTheOptimumOffTheStandardMinimiser) {
  const auto& plain = *find_suite_problem("rastrigin4");
  const auto& turned = *find_suite_problem("rot_rastrigin5");
  EXPECT_NE(turned.optimum_at, find_suite_problem("rastrigin10")->optimum_at);
  for (const auto& [name, value] : turned.optimum_at.entries()) {
    EXPECT_NE(as_double(value), 0.0) << name;
  }
  // Moving one coordinate of the rotated problem's minimiser changes every rotated axis:
  // the value rises by more than a pure axis-aligned step would allow for rastrigin.
  Config step = turned.optimum_at;
  step.set("x0", as_double(step.at("x0")) + 0.5);
  EXPECT_GT(turned.truth(step), turned.optimum);
  EXPECT_EQ(plain.optimum, 0.0);
}

TEST(BenchSuite, NoiseIsFixedBySeedAndIndexAndRegretUsesTheTruth) {
  const auto& quiet = *find_suite_problem("hartmann6");
  const auto& loud = *find_suite_problem("noisy_hartmann6");
  const Config c = quiet.optimum_at;
  EXPECT_EQ(observe(quiet, c, 3, 9), quiet.truth(c));
  EXPECT_EQ(observe(loud, c, 3, 9), observe(loud, c, 3, 9));
  EXPECT_NE(observe(loud, c, 3, 9), observe(loud, c, 3, 10));
  EXPECT_NE(observe(loud, c, 3, 9), observe(loud, c, 4, 9));
  double sum = 0.0;
  double squares = 0.0;
  const int n = 4000;
  for (int i = 0; i < n; ++i) {
    const double e = observe(loud, c, 1, static_cast<std::uint64_t>(i)) - loud.truth(c);
    sum += e;
    squares += e * e;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.01);                // 0.1 / sqrt(4000) = 0.0016 per sd
  EXPECT_NEAR(std::sqrt(squares / n), 0.1, 0.01); // sd 0.1 as declared
  // Heteroscedastic: no noise beyond noise_sd at the optimum, more far from it.
  const auto& hetero = *find_suite_problem("hetero_rosenbrock4");
  EXPECT_EQ(hetero.noise_sd, 0.1);
  EXPECT_GT(hetero.noise_slope, 0.0);
}

TEST(BenchSuite, DurationsArePositiveAndFixedBySeedAndIndex) {
  EXPECT_EQ(evaluation_duration(2, 5), evaluation_duration(2, 5));
  EXPECT_NE(evaluation_duration(2, 5), evaluation_duration(2, 6));
  for (std::uint64_t i = 0; i < 100; ++i) EXPECT_GT(evaluation_duration(0, i), 0.0);
}

} // namespace
} // namespace hpsearch::bench
