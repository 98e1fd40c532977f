// Gaussian process: accuracy, calibrated std, likelihood gradient, size cap.
#include "hpsearch/core/error.hpp"
#include "hpsearch/surrogate/gaussian_process.hpp"
#include "hpsearch/surrogate/gp_likelihood.hpp"
#include "hpsearch/surrogate/surrogate.hpp"
#include "surrogate_test_data.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <random>

namespace hpsearch {
namespace {

using testing::apply;
using testing::r_squared;
using testing::uniform_points;

double smooth(const Eigen::VectorXd& x) {
  double s = 0.0;
  for (Eigen::Index i = 0; i < x.size(); ++i) s += std::sin(3.0 * x[i] + 0.5 * i);
  return s;
}

class GpDimensions : public ::testing::TestWithParam<int> {};

TEST_P(GpDimensions, RecoversASmoothFunctionFromSixtyPoints) {
  const int d = GetParam();
  const Eigen::MatrixXd x = uniform_points(60, d, 31);
  const Eigen::MatrixXd test = uniform_points(200, d, 32);
  auto gp = make_regressor("gp", SurrogateOptions{}, std::vector<FeatureKind>(d));
  gp->fit(x, apply(x, smooth), 1);
  EXPECT_GT(r_squared(apply(test, smooth), gp->predict(test).mean), 0.9);
}

INSTANTIATE_TEST_SUITE_P(Surrogate, GpDimensions, ::testing::Values(2, 4));

TEST(Gp, StdIsTheNoiseNearDataAndLargeFarAway) {
  const double noise = 0.1;
  const Eigen::MatrixXd x = uniform_points(60, 2, 33);
  Eigen::VectorXd y = apply(x, smooth);
  std::mt19937_64 engine(34);
  std::normal_distribution<double> normal(0.0, noise);
  for (auto& v : y) v += normal(engine);
  auto gp = make_regressor("gp", SurrogateOptions{}, std::vector<FeatureKind>(2));
  gp->fit(x, y, 2);
  const Prediction at = gp->predict(x.topRows(10));
  for (Eigen::Index i = 0; i < 10; ++i) {
    EXPECT_GT(at.std[i], 0.5 * noise);
    EXPECT_LT(at.std[i], 2.0 * noise);
  }
  const Prediction far = gp->predict(Eigen::MatrixXd::Constant(1, 2, 4.0));
  EXPECT_GT(far.std[0], 5.0 * noise);
  EXPECT_NEAR(far.mean[0], y.mean(), 0.5); // reverts to the data's mean
}

TEST(Gp, LikelihoodGradientMatchesFiniteDifferences) {
  const Eigen::MatrixXd x = uniform_points(30, 3, 35);
  const Eigen::VectorXd y = apply(x, smooth);
  for (const auto& theta_values : {std::vector<double>{-1.0, -0.5, 0.3, 0.2, -3.0},
                                   std::vector<double>{0.5, -2.0, -1.2, -0.4, -6.0}}) {
    const Eigen::VectorXd theta = Eigen::Map<const Eigen::VectorXd>(theta_values.data(), 5);
    Eigen::VectorXd gradient;
    gp_log_likelihood(x, y, theta, &gradient);
    for (Eigen::Index j = 0; j < theta.size(); ++j) {
      const double h = 1e-5;
      Eigen::VectorXd up = theta, down = theta;
      up[j] += h;
      down[j] -= h;
      const double numeric =
          (gp_log_likelihood(x, y, up, nullptr) - gp_log_likelihood(x, y, down, nullptr)) / (2 * h);
      EXPECT_NEAR(gradient[j], numeric, 1e-4 * std::max(1.0, std::abs(numeric))) << "j " << j;
    }
  }
}

TEST(Gp, FitIsDeterministicForASeed) {
  const Eigen::MatrixXd x = uniform_points(40, 2, 36);
  const Eigen::VectorXd y = apply(x, smooth);
  const Eigen::MatrixXd test = uniform_points(20, 2, 37);
  auto a = make_regressor("gp", SurrogateOptions{}, std::vector<FeatureKind>(2));
  auto b = make_regressor("gp", SurrogateOptions{}, std::vector<FeatureKind>(2));
  a->fit(x, y, 8);
  b->fit(x, y, 8);
  EXPECT_EQ(a->predict(test).mean, b->predict(test).mean);
}

TEST(Gp, RefusesLargeProblemsNamingTheAlternative) {
  auto gp = make_regressor("gp", SurrogateOptions{}, std::vector<FeatureKind>(2));
  const auto n = GaussianProcess::kMaxRows + 1;
  try {
    gp->fit(Eigen::MatrixXd::Zero(n, 2), Eigen::VectorXd::Zero(n), 1);
    FAIL() << "expected hpsearch::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_THAT(e.what(), ::testing::HasSubstr("search.surrogate: et"));
  }
}

TEST(Gp, UnfittedPredictsZeroAndOne) {
  auto gp = make_regressor("gp", SurrogateOptions{}, std::vector<FeatureKind>(2));
  const Prediction p = gp->predict(Eigen::MatrixXd::Constant(2, 2, 0.5));
  EXPECT_EQ(p.mean, Eigen::VectorXd::Zero(2));
  EXPECT_EQ(p.std, Eigen::VectorXd::Ones(2));
}

} // namespace
} // namespace hpsearch
