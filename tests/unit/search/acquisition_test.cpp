#include "hpsearch/core/error.hpp"
#include "hpsearch/search/acquisition/acquisition.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double x : v) out[i++] = x;
  return out;
}

TEST(Acquisition, LowerConfidenceBoundMatchesHandValues) {
  const auto s =
      acquisition_scores(AcquisitionKind::ucb, vec({1.0, 0.5}), vec({0.2, 0.0}), 0.0, 1.96, 0.0);
  EXPECT_DOUBLE_EQ(s[0], -(1.0 - 1.96 * 0.2)); // 0.608 lower bound, negated
  EXPECT_DOUBLE_EQ(s[1], -0.5);
}

TEST(Acquisition, ExpectedImprovementMatchesHandValues) {
  // best 1.0, mean 1.0, std 1.0, xi 0: EI = std * phi(0) = 0.398942...
  const auto s = acquisition_scores(AcquisitionKind::ei, vec({1.0, 0.0, 2.0}), vec({1.0, 0.5, 0.0}),
                                    1.0, 0.0, 0.0);
  EXPECT_NEAR(s[0], 0.3989422804014327, 1e-12);
  // mean 0, std 0.5, gain 1: z = 2; EI = 1 * Phi(2) + 0.5 * phi(2)
  EXPECT_NEAR(s[1], 0.9772498680518208 + 0.5 * 0.05399096651318806, 1e-12);
  EXPECT_DOUBLE_EQ(s[2], 0.0); // no std, no improvement
}

TEST(Acquisition, ProbabilityOfImprovementMatchesHandValues) {
  const auto s = acquisition_scores(AcquisitionKind::pi, vec({1.0, 0.0, 0.5}), vec({1.0, 0.5, 0.0}),
                                    1.0, 0.0, 0.5);
  EXPECT_NEAR(s[0], 0.3085375387259869, 1e-12); // Phi(-0.5)
  EXPECT_NEAR(s[1], 0.8413447460685429, 1e-12); // gain 1 - 0.5 - 0 = 0.5, z = 1: Phi(1)
  EXPECT_DOUBLE_EQ(s[2], 0.0);                  // no std, no gain
}

TEST(Acquisition, KappaSchedules) {
  AcquisitionOptions o;
  o.kappa = 2.0;
  o.decay = KappaDecay::none;
  EXPECT_DOUBLE_EQ(kappa_at(o, 100), 2.0);
  o.decay = KappaDecay::exponential;
  o.decay_rate = 0.1;
  o.kappa_final = 0.01;
  EXPECT_NEAR(kappa_at(o, 10), 2.0 * std::exp(-1.0), 1e-12);
  EXPECT_DOUBLE_EQ(kappa_at(o, 100000), 0.01);
  o.decay = KappaDecay::periodic;
  o.decay_period = 10;
  EXPECT_DOUBLE_EQ(kappa_at(o, 0), 2.0);
  EXPECT_NEAR(kappa_at(o, 5), 2.0 * std::sqrt(0.01 / 2.0), 1e-12);
  EXPECT_DOUBLE_EQ(kappa_at(o, 10), 2.0); // a new period
}

TEST(Acquisition, NamesParseAndUnknownOnesAreRefused) {
  EXPECT_EQ(acquisition_kinds.at("ei"), AcquisitionKind::ei);
  EXPECT_EQ(kappa_decays.at("periodic"), KappaDecay::periodic);
  EXPECT_EQ(acquisition_kinds.name_of(AcquisitionKind::pi), "pi");
  EXPECT_THROW(acquisition_kinds.at("thompson"), Error);
  EXPECT_THROW(kappa_decays.at("linear"), Error);
}

} // namespace
} // namespace hpsearch
