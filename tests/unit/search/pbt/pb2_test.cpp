// PB2 (search/pbt/pb2_model.hpp, pb2_explore.hpp): the time-varying kernel and beta_t
// against hand-computed numbers, the GP's mean, variance and UCB, the batch penalty
// (a running member lowers the UCB near it, and the next proposal moves away), bounds and
// log scales of the proposals, determinism given the seed, and the refusal of choices.
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/pbt/pb2_explore.hpp"
#include "hpsearch/search/pbt/pb2_model.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <string>

namespace hpsearch {
namespace {

TEST(Pb2Kernel, IsASquaredExponentialTimesTheTimeVaryingFactor) {
  const Pb2Kernel kernel{0.5, 0.1};
  const Pb2Input a{0.0, {0.0, 0.0}};
  EXPECT_DOUBLE_EQ(kernel(a, a), 1.0);
  // |rest - rest'|^2 = 0.3^2 + 0.4^2 = 0.25: exp(-0.25 / (2 * 0.25)) = exp(-0.5) = 0.6065306597;
  // |t - t'| = 2: 0.9^(2 / 2) = 0.9.
  EXPECT_NEAR(kernel(a, {2.0, {0.3, 0.4}}), 0.6065306597126334 * 0.9, 1e-15);
  EXPECT_NEAR(kernel({2.0, {0.3, 0.4}}, a), 0.6065306597126334 * 0.9, 1e-15) << "symmetric";
  // Time alone: epsilon 0.19, |t - t'| = 4: 0.81^2 = 0.6561.
  EXPECT_NEAR((Pb2Kernel{0.5, 0.19})({1.0, {0.7}}, {5.0, {0.7}}), 0.6561, 1e-15);
  // The hyperparameters alone: lengthscale 0.2, distance 0.2: exp(-0.5).
  EXPECT_NEAR((Pb2Kernel{0.2, 0.1})({3.0, {0.1}}, {3.0, {0.3}}), 0.6065306597126334, 1e-15);
}

TEST(Pb2Beta, IsAFifthOfTheLogOfTwoFifthsOfTheRowsClampedForFewRows) {
  EXPECT_NEAR(pb2_beta(10), 0.2 * std::log(4.0), 1e-15);
  EXPECT_NEAR(pb2_beta(1000), 0.2 * std::log(400.0), 1e-15);
  const double floor = 0.2 * std::log(2.0);
  for (std::size_t n = 0; n <= 5; ++n) EXPECT_NEAR(pb2_beta(n), floor, 1e-15) << n;
  EXPECT_GT(pb2_beta(6), floor);
}

TEST(Pb2Gp, MeanVarianceAndUcbMatchTheHandComputedPosterior) {
  const Pb2Kernel kernel{0.5, 0.1};
  const double noise = 0.1;
  // No rows: the prior. mean 0, variance 1, UCB sqrt(beta(0)).
  const Pb2Gp prior({}, {}, {}, kernel, noise);
  const Pb2Input z1{0.0, {0.0}};
  const Pb2Input z2{0.0, {1.0}};
  EXPECT_EQ(prior.mean(z1), 0.0);
  EXPECT_DOUBLE_EQ(prior.variance(z1), 1.0);
  EXPECT_NEAR(prior.ucb(z1), std::sqrt(0.2 * std::log(2.0)), 1e-15);
  // Rows z1 -> +3, z2 -> -1, standardised to +1, -1; k12 = exp(-1 / 0.5) = exp(-2).
  // mean(z1) = (1 - k12) / (1 + noise - k12); variance(z1) = 1 - [1 k12] K^-1 [1 k12]'.
  const Pb2Gp gp({z1, z2}, {3.0, -1.0}, {}, kernel, noise);
  const double k = std::exp(-2.0);
  EXPECT_NEAR(gp.mean(z1), (1.0 - k) / (1.0 + noise - k), 1e-12);
  EXPECT_NEAR(gp.mean(z2), -(1.0 - k) / (1.0 + noise - k), 1e-12);
  const double a = 1.0 + noise;
  const double det = a * a - k * k;
  const double quad = (a * 1.0 - 2.0 * k * k + a * k * k) / det; // [1 k] K^-1 [1 k]'
  EXPECT_NEAR(gp.variance(z1), 1.0 - quad, 1e-12);
  EXPECT_NEAR(gp.ucb(z1), gp.mean(z1) + std::sqrt(pb2_beta(2) * (1.0 - quad)), 1e-12);
  const std::vector<double> batch = gp.ucb(std::vector<Pb2Input>{z1, z2});
  EXPECT_NEAR(batch[0], gp.ucb(z1), 1e-12);
  EXPECT_NEAR(batch[1], gp.ucb(z2), 1e-12);
}

TEST(Pb2Gp, ARunningMemberLowersTheVarianceAndTheUcbNearItOnly) {
  const Pb2Kernel kernel{0.1, 0.1};
  const std::vector<Pb2Input> rows = {{0.0, {0.5, 0.0}}, {0.0, {0.5, 1.0}}};
  const std::vector<double> targets = {1.0, 1.0};
  const Pb2Gp alone(rows, targets, {}, kernel, 0.01);
  const Pb2Input running{1.0, {0.5, 0.5}};
  const Pb2Gp batch(rows, targets, {running}, kernel, 0.01);
  const Pb2Input near{1.0, {0.5, 0.52}};
  const Pb2Input far{1.0, {0.5, 0.1}};
  EXPECT_EQ(batch.mean(near), alone.mean(near)) << "the running member has no target";
  EXPECT_LT(batch.variance(near), 0.5 * alone.variance(near));
  EXPECT_LT(batch.ucb(near), alone.ucb(near));
  EXPECT_NEAR(batch.ucb(far), alone.ucb(far), 1e-3) << "far from it, hardly a change";
}

TEST(Pb2Gp, FittedHyperparametersComeFromTheGrid) {
  std::vector<Pb2Input> rows;
  std::vector<double> targets;
  for (int i = 0; i < 20; ++i) {
    const double x = i / 19.0;
    rows.push_back({static_cast<double>(i % 5), {0.5, x}});
    targets.push_back(std::sin(6.0 * x));
  }
  const Pb2Gp gp(rows, targets, {});
  EXPECT_NE(
      std::find(Pb2Gp::kLengthscales.begin(), Pb2Gp::kLengthscales.end(), gp.kernel().lengthscale),
      Pb2Gp::kLengthscales.end());
  EXPECT_NE(std::find(Pb2Gp::kEpsilons.begin(), Pb2Gp::kEpsilons.end(), gp.kernel().epsilon),
            Pb2Gp::kEpsilons.end());
  EXPECT_LT(std::abs(gp.mean(rows[3]) - gp.mean(rows[16])), 10.0);
  EXPECT_GT(gp.mean({2.0, {0.5, 0.25}}), gp.mean({2.0, {0.5, 0.75}})) << "sin(1.5) > sin(4.5)";
}

SearchSpace xy_space() {
  SearchSpace space;
  space.add(Parameter::real("x", 0.0, 1.0));
  space.add(Parameter::integer("n", 1, 64, true));
  space.add(Parameter::real("lr", 1e-5, 1e-1, true));
  return space;
}

Config xy(double x, std::int64_t n, double lr) {
  return Config({{"x", Value{x}}, {"n", Value{n}}, {"lr", Value{lr}}});
}

/// Rows whose reward change peaks at x = 0.3 and lr = 1e-3 (the middle of its log range).
std::vector<Pb2Row> peaked_rows() {
  std::vector<Pb2Row> rows;
  Rng rng(7);
  for (int i = 0; i < 60; ++i) {
    const double x = rng.uniform();
    const double lr = std::pow(10.0, -5.0 + 4.0 * rng.uniform());
    const double d = std::log10(lr) + 3.0;
    rows.push_back({{static_cast<double>(i / 10), 0.5, xy(x, 8, lr)},
                    1.0 - (x - 0.3) * (x - 0.3) * 4.0 - d * d / 4.0});
  }
  return rows;
}

TEST(Pb2Explore, ProposalsStayInBoundsAndFindThePeakInLogSpace) {
  const SearchSpace space = xy_space();
  const std::vector<Pb2Row> rows = peaked_rows();
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    Rng rng(seed);
    const Config c = pb2_explore(space, rows, {}, {6.0, 0.5, xy(0.9, 60, 0.09)}, rng);
    const double x = std::get<double>(c.at("x"));
    const std::int64_t n = std::get<std::int64_t>(c.at("n"));
    const double lr = std::get<double>(c.at("lr"));
    EXPECT_TRUE(x >= 0.0 && x <= 1.0) << x;
    EXPECT_TRUE(n >= 1 && n <= 64) << n;
    EXPECT_TRUE(lr >= 1e-5 && lr <= 1e-1) << lr;
    EXPECT_NEAR(x, 0.3, 0.15) << "seed " << seed;
    // 1e-3 is the middle of [1e-5, 1e-1] in log space only (in linear space it is at 1%).
    EXPECT_TRUE(lr > 2e-4 && lr < 5e-3) << "seed " << seed << ": " << lr;
  }
}

TEST(Pb2Explore, IsDeterministicGivenTheSeed) {
  const SearchSpace space = xy_space();
  const std::vector<Pb2Row> rows = peaked_rows();
  const std::vector<Pb2Point> running = {{6.0, 0.4, xy(0.3, 8, 1e-3)}};
  const Pb2Point now{6.0, 0.5, xy(0.5, 4, 1e-2)};
  Rng a(42);
  Rng b(42);
  EXPECT_EQ(pb2_explore(space, rows, running, now, a), pb2_explore(space, rows, running, now, b));
  EXPECT_EQ(a.state(), b.state());
}

TEST(Pb2Explore, ARunningMemberPushesTheNextProposalAway) {
  // Equal changes at both ends of x: the mean is flat, the variance highest in the middle.
  SearchSpace space;
  space.add(Parameter::real("x", 0.0, 1.0));
  const auto at = [](double x) { return Config({{"x", Value{x}}}); };
  std::vector<Pb2Row> rows;
  for (int t = 0; t < 3; ++t) {
    rows.push_back({{static_cast<double>(t), 1.0, at(0.0)}, 0.5});
    rows.push_back({{static_cast<double>(t), 1.0, at(1.0)}, 0.5});
  }
  const Pb2Point now{3.0, 1.0, at(0.0)};
  Rng rng(3);
  const double first = std::get<double>(pb2_explore(space, rows, {}, now, rng).at("x"));
  EXPECT_NEAR(first, 0.5, 0.1) << "alone: the most uncertain point";
  const std::vector<Pb2Point> running = {{3.0, 1.0, at(first)}};
  Rng again(3);
  const double second = std::get<double>(pb2_explore(space, rows, running, now, again).at("x"));
  EXPECT_GT(std::abs(second - first), 0.15) << "first " << first << ", second " << second;
}

TEST(Pb2Explore, ChoicesAreRefusedNamingTheParameter) {
  SearchSpace space;
  space.add(Parameter::real("lr", 1e-4, 1e-1, true));
  space.add(
      Parameter::categorical("act", {Value{std::string("relu")}, Value{std::string("tanh")}}));
  try {
    check_pb2_space(space);
    FAIL() << "a categorical parameter was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'act'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("pb2 handles reals and integers; use pbt"),
              std::string::npos)
        << e.what();
  }
  SearchSpace numbers;
  numbers.add(Parameter::real("lr", 1e-4, 1e-1, true));
  numbers.add(Parameter::integer("units", 1, 9));
  EXPECT_NO_THROW(check_pb2_space(numbers));
}

} // namespace
} // namespace hpsearch
