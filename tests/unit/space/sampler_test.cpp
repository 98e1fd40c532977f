#include "automl_net.hpp"
#include "hpsearch/space/sampling/sampler.hpp"
#include "test_util.hpp"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <set>

namespace hpsearch {
namespace {

using test::expect_error;

TEST(Sampler, SameSeedSameSequenceOtherSeedOtherSequence) {
  for (const auto name : sampler_kinds.names()) {
    auto a = make_sampler(name, 4, 16, 7);
    auto b = make_sampler(name, 4, 16, 7);
    auto c = make_sampler(name, 4, 16, 8);
    bool differs = false;
    for (int i = 0; i < 40; ++i) {
      const Eigen::VectorXd x = a->next();
      ASSERT_EQ(x.size(), 4);
      EXPECT_GE(x.minCoeff(), 0.0);
      EXPECT_LT(x.maxCoeff(), 1.0);
      EXPECT_EQ(x, b->next()) << name;
      differs = differs || x != c->next();
    }
    EXPECT_TRUE(differs) << name;
    EXPECT_EQ(a->name(), name);
  }
}

TEST(Sampler, RestoredStateContinuesTheSameSequence) {
  for (const auto name : sampler_kinds.names()) {
    auto a = make_sampler(name, 3, 10, 21);
    for (int i = 0; i < 13; ++i) a->next(); // mid-way through the second LHS batch
    auto b = make_sampler(name, 3, 10, 999);
    b->restore_state(a->save_state());
    for (int i = 0; i < 30; ++i) EXPECT_EQ(a->next(), b->next()) << name << " " << i;
    EXPECT_THROW(b->restore_state("garbage"), Error) << name;
    auto other_dimension = make_sampler(name, 2, 10, 21);
    EXPECT_THROW(other_dimension->restore_state(a->save_state()), Error) << name;
  }
}

TEST(Sampler, LatinHypercubeBatchesHaveOnePointPerStratum) {
  LatinHypercubeSampler lhs(5, 20, 3);
  for (int batch = 0; batch < 3; ++batch) {
    std::vector<std::set<int>> strata(5);
    for (int i = 0; i < 20; ++i) {
      const Eigen::VectorXd x = lhs.next();
      for (int j = 0; j < 5; ++j)
        strata[static_cast<std::size_t>(j)].insert(static_cast<int>(std::floor(x[j] * 20)));
    }
    for (const auto& s : strata) EXPECT_EQ(s.size(), 20u);
  }
  expect_error([] { LatinHypercubeSampler(2, 0, 1); }, "batch size must be at least 1");
}

TEST(Sampler, SobolRejectsTooManyDimensions) {
  EXPECT_GE(SobolSampler::max_dimension(), 1000u);
  expect_error([] { SobolSampler(SobolSampler::max_dimension() + 1, 1); },
               "but Boost.Random's Sobol sequence supports at most");
  expect_error([] { make_sampler("halton", 2, 1, 1); },
               "unknown initial design 'halton' (known: random, lhs, sobol)");
}

/// Centered L2 discrepancy (Hickernell 1998) of n points in [0, 1)^d, stored row after
/// row in `x`; lower is more uniform.
double centered_l2_discrepancy(const std::vector<double>& x, std::size_t d) {
  const std::size_t n = x.size() / d;
  double sum1 = 0.0;
  double sum2 = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double* xi = &x[i * d];
    double prod = 1.0;
    for (std::size_t k = 0; k < d; ++k) {
      const double a = std::fabs(xi[k] - 0.5);
      prod *= 1.0 + 0.5 * a - 0.5 * a * a;
    }
    sum1 += prod;
    for (std::size_t j = 0; j < n; ++j) {
      const double* xj = &x[j * d];
      double p = 1.0;
      for (std::size_t k = 0; k < d; ++k) {
        p *= 1.0 + 0.5 * std::fabs(xi[k] - 0.5) + 0.5 * std::fabs(xj[k] - 0.5) -
             0.5 * std::fabs(xi[k] - xj[k]);
      }
      sum2 += p;
    }
  }
  const auto nn = static_cast<double>(n);
  return std::sqrt(std::pow(13.0 / 12.0, static_cast<double>(d)) - 2.0 / nn * sum1 +
                   sum2 / (nn * nn));
}

TEST(Sampler, SobolAndLatinHypercubeCoverTheCubeBetterThanRandom) {
  double mean[3] = {0, 0, 0};
  const char* names[3] = {"random", "lhs", "sobol"};
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    for (int s = 0; s < 3; ++s) {
      auto sampler = make_sampler(names[s], 5, 256, seed);
      std::vector<double> points;
      for (int i = 0; i < 256; ++i) {
        const Eigen::VectorXd x = sampler->next();
        points.insert(points.end(), x.data(), x.data() + x.size());
      }
      mean[s] += centered_l2_discrepancy(points, 5) / 5.0;
    }
  }
  EXPECT_LT(mean[1], 0.8 * mean[0]) << "lhs " << mean[1] << " random " << mean[0];
  EXPECT_LT(mean[2], 0.5 * mean[0]) << "sobol " << mean[2] << " random " << mean[0];
}

TEST(Sampler, SampleConfigsSkipsForbiddenAndFailsOnAnEmptySpace) {
  SearchSpace s;
  s.add(Parameter::categorical("a", test::strs({"x", "y", "z"})));
  s.add(Parameter::real("r", 0, 1));
  s.add_forbidden({{{"a", {test::str("x")}}}});
  auto sobol = make_sampler("sobol", 2, 1, 4);
  for (const auto& c : sample_configs(s, *sobol, 300)) {
    EXPECT_TRUE(s.contains(c)) << c.to_string();
  }
  s.add_forbidden({{{"a", test::strs({"y", "z"})}}});
  expect_error([&] { next_config(s, *sobol, 50); },
               "the space is (nearly) empty: 50 of 50 sobol draws were forbidden");
  auto wrong = make_sampler("random", 3, 1, 4);
  EXPECT_THROW(next_config(s, *wrong), Error);
}

} // namespace
} // namespace hpsearch
