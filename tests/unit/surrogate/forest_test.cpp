// Forests ("rf", "et"): accuracy, uncertainty, categorical and inactive columns, determinism.
#include "hpsearch/core/error.hpp"
#include "hpsearch/surrogate/forest.hpp"
#include "hpsearch/surrogate/surrogate.hpp"
#include "surrogate_test_data.hpp"

#include <algorithm>
#include <array>
#include <gtest/gtest.h>
#include <numeric>

namespace hpsearch {
namespace {

using testing::apply;
using testing::r_squared;
using testing::sum_of_sines;
using testing::uniform_points;

std::vector<FeatureKind> ordered(int d) {
  return std::vector<FeatureKind>(d);
}

class ForestKinds : public ::testing::TestWithParam<const char*> {};

TEST_P(ForestKinds, RecoversASmoothFunctionOnHeldOutPoints) {
  const Eigen::MatrixXd x = uniform_points(500, 3, 1);
  const Eigen::MatrixXd test = uniform_points(300, 3, 2);
  auto model = make_regressor(GetParam(), SurrogateOptions{}, ordered(3));
  model->fit(x, apply(x, sum_of_sines), 7);
  const Prediction p = model->predict(test);
  EXPECT_GT(r_squared(apply(test, sum_of_sines), p.mean), 0.9);
  EXPECT_TRUE((p.std.array() >= 0.0).all());
}

TEST_P(ForestKinds, IsMoreUncertainFarFromTheData) {
  // Training points leave a gap 0.3 < x0 < 0.7; held-out points near the data are less
  // uncertain than points in the middle of the gap. (Beyond the hull of the data a forest
  // predicts its boundary leaves: its spread does not grow there, see forest.hpp.)
  auto with_gap = [](Eigen::MatrixXd x) {
    for (Eigen::Index i = 0; i < x.rows(); ++i) x(i, 0) = x(i, 0) < 0.3 ? x(i, 0) : x(i, 0) + 0.4;
    return x;
  };
  const Eigen::MatrixXd x = with_gap(uniform_points(300, 2, 3, 0.0, 0.6));
  auto model = make_regressor(GetParam(), SurrogateOptions{}, ordered(2));
  model->fit(x, apply(x, sum_of_sines), 7);
  const double near = model->predict(with_gap(uniform_points(200, 2, 4, 0.0, 0.6))).std.mean();
  Eigen::MatrixXd gap = uniform_points(200, 2, 5);
  gap.col(0).setConstant(0.5);
  const double far = model->predict(gap).std.mean();
  EXPECT_GT(far, 2.0 * near) << "near " << near << " far " << far;
}

TEST_P(ForestKinds, PredictsCategoricalEffectsInOrder) {
  // Column 0: 4 categories (bucket centres), effect 0, 3, 1, 2; column 1: a small trend.
  const std::array<double, 4> effect{0.0, 3.0, 1.0, 2.0};
  Rng rng(11);
  Eigen::MatrixXd x(200, 2);
  Eigen::VectorXd y(200);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const auto c = rng.integer(0, 3);
    x(i, 0) = (static_cast<double>(c) + 0.5) / 4.0;
    x(i, 1) = rng.uniform();
    y[i] = effect[static_cast<std::size_t>(c)] + 0.3 * x(i, 1);
  }
  auto model = make_regressor(GetParam(), SurrogateOptions{}, {FeatureKind{4, false}, {}});
  model->fit(x, y, 3);
  Eigen::MatrixXd probe(4, 2);
  for (int c = 0; c < 4; ++c) probe.row(c) << (c + 0.5) / 4.0, 0.5;
  const Eigen::VectorXd mean = model->predict(probe).mean;
  for (int c = 0; c < 4; ++c) EXPECT_NEAR(mean[c], effect[static_cast<std::size_t>(c)], 0.3);
  std::array<int, 4> order{0, 1, 2, 3};
  std::sort(order.begin(), order.end(), [&](int a, int b) { return mean[a] < mean[b]; });
  EXPECT_EQ(order, (std::array<int, 4>{0, 2, 3, 1}));
}

TEST_P(ForestKinds, TellsInactiveRowsApart) {
  // Column 0 ordered and conditional: y = 5 when inactive (-1), else x0.
  // Column 1 categorical (3) and conditional: adds 10 when inactive, else 0.
  Rng rng(5);
  Eigen::MatrixXd x(300, 2);
  Eigen::VectorXd y(300);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const bool off0 = rng.uniform() < 0.3;
    const bool off1 = rng.uniform() < 0.3;
    x(i, 0) = off0 ? -1.0 : rng.uniform();
    x(i, 1) = off1 ? -1.0 : (static_cast<double>(rng.integer(0, 2)) + 0.5) / 3.0;
    y[i] = (off0 ? 5.0 : x(i, 0)) + (off1 ? 10.0 : 0.0);
  }
  auto model = make_regressor(GetParam(), SurrogateOptions{}, {{0, true}, FeatureKind{3, true}});
  model->fit(x, y, 9);
  Eigen::MatrixXd probe(4, 2);
  probe << -1.0, 0.5, 0.5, 0.5, 0.5, -1.0, -1.0, -1.0;
  const Eigen::VectorXd mean = model->predict(probe).mean;
  EXPECT_NEAR(mean[0], 5.0, 0.5);
  EXPECT_NEAR(mean[1], 0.5, 0.5);
  EXPECT_NEAR(mean[2], 10.5, 0.5);
  EXPECT_NEAR(mean[3], 15.0, 0.5);
}

TEST_P(ForestKinds, SameSeedSamePredictionsOtherSeedOther) {
  const Eigen::MatrixXd x = uniform_points(200, 3, 6);
  const Eigen::VectorXd y = apply(x, sum_of_sines);
  const Eigen::MatrixXd test = uniform_points(100, 3, 7);
  SurrogateOptions options;
  options.max_features = 0.5;
  auto a = make_regressor(GetParam(), options, ordered(3));
  auto b = make_regressor(GetParam(), options, ordered(3));
  auto c = make_regressor(GetParam(), options, ordered(3));
  a->fit(x, y, 42);
  b->fit(x, y, 42);
  c->fit(x, y, 43);
  EXPECT_EQ(a->predict(test).mean, b->predict(test).mean);
  EXPECT_EQ(a->predict(test).std, b->predict(test).std);
  EXPECT_NE(a->predict(test).mean, c->predict(test).mean);
}

TEST_P(ForestKinds, OneAndFourThreadsGiveIdenticalModels) {
  const Eigen::MatrixXd x = uniform_points(400, 4, 8);
  const Eigen::VectorXd y = apply(x, sum_of_sines);
  const Eigen::MatrixXd test = uniform_points(1000, 4, 9);
  SurrogateOptions options;
  options.n_trees = 16;
  options.max_features = 0.5;
  options.max_samples = 300;
  options.leaf_variance = true;
  auto one = make_regressor(GetParam(), options, ordered(4));
  options.threads = 4;
  auto four = make_regressor(GetParam(), options, ordered(4));
  one->fit(x, y, 1);
  four->fit(x, y, 1);
  EXPECT_EQ(dynamic_cast<Forest&>(*one).trees(), dynamic_cast<Forest&>(*four).trees());
  const Prediction p1 = one->predict(test);
  const Prediction p4 = four->predict(test);
  EXPECT_EQ(p1.mean, p4.mean);
  EXPECT_EQ(p1.std, p4.std);
}

TEST_P(ForestKinds, LeafVarianceAddsToTheSpread) {
  const Eigen::MatrixXd x = uniform_points(300, 2, 12);
  const Eigen::VectorXd y = apply(x, sum_of_sines);
  const Eigen::MatrixXd test = uniform_points(100, 2, 13);
  SurrogateOptions options;
  options.min_samples_leaf = 5;
  auto plain = make_regressor(GetParam(), options, ordered(2));
  options.leaf_variance = true;
  auto total = make_regressor(GetParam(), options, ordered(2));
  plain->fit(x, y, 4);
  total->fit(x, y, 4);
  const Prediction a = plain->predict(test);
  const Prediction b = total->predict(test);
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_TRUE((b.std.array() >= a.std.array()).all());
  EXPECT_GT(b.std.mean(), a.std.mean() * 1.05);
}

TEST_P(ForestKinds, UnfittedPredictsZeroAndOne) {
  auto model = make_regressor(GetParam(), SurrogateOptions{}, ordered(2));
  const Prediction p = model->predict(Eigen::MatrixXd::Constant(3, 2, 0.5));
  EXPECT_EQ(p.mean, Eigen::VectorXd::Zero(3));
  EXPECT_EQ(p.std, Eigen::VectorXd::Ones(3));
  model->fit(Eigen::MatrixXd(0, 2), Eigen::VectorXd(0), 1);
  EXPECT_EQ(model->predict(Eigen::MatrixXd::Constant(3, 2, 0.5)).std, Eigen::VectorXd::Ones(3));
  EXPECT_THROW(model->fit(Eigen::MatrixXd::Zero(3, 3), Eigen::VectorXd::Zero(3), 1), Error);
  EXPECT_THROW(model->fit(Eigen::MatrixXd::Zero(3, 2), Eigen::VectorXd::Zero(2), 1), Error);
}

TEST_P(ForestKinds, FullyGrownTreesReproduceTheirTrainingRows) {
  // Without bootstrap every tree sees every row and grows until its leaves are pure, so
  // each tree predicts a training row's own target and the spread is 0: splits,
  // partitions and the walk agree (ordered and one-vs-rest splits; all features tried,
  // and a random subset with its feature-order path).
  Rng rng(17);
  Eigen::MatrixXd x(150, 3);
  Eigen::VectorXd y(150);
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    x(i, 0) = (static_cast<double>(rng.integer(0, 4)) + 0.5) / 5.0;
    x(i, 1) = rng.uniform();
    x(i, 2) = rng.uniform();
    y[i] = rng.uniform(-2.0, 2.0);
  }
  for (const bool categorical : {false, true})
    for (const double fraction : {1.0, 0.4}) {
      SurrogateOptions options;
      options.bootstrap = 0;
      options.max_features = fraction;
      auto model =
          make_regressor(GetParam(), options, {FeatureKind{categorical ? 5 : 0, false}, {}, {}});
      model->fit(x, y, 3);
      const Prediction p = model->predict(x);
      EXPECT_LT((p.mean - y).cwiseAbs().maxCoeff(), 1e-9) << categorical << " " << fraction;
      EXPECT_LT(p.std.maxCoeff(), 1e-6) << categorical << " " << fraction;
    }
}

INSTANTIATE_TEST_SUITE_P(Surrogate, ForestKinds, ::testing::Values("rf", "et"));

} // namespace
} // namespace hpsearch
