// AMBS as the sampler of a multi-fidelity scheduler: its model fits on the largest fidelity
// with d + 1 usable results (BOHB's rule), and a full-fidelity search is unchanged.
#include "hpsearch/search/ambs/observations.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

SearchSpace plane() {
  SearchSpace space;
  space.add(Parameter::real("x", 0.0, 1.0));
  space.add(Parameter::real("y", 0.0, 1.0));
  return space;
}

Config point(double x, double y) {
  return Config({{"x", Value{x}}, {"y", Value{y}}});
}

Observations observations() {
  return {plane(), Encoding::index, Direction::minimize, FailurePolicy::worst, Scaling::none};
}

Eigen::VectorXd targets(const Observations& o) {
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  o.training_set(Multipoint::cl_max, false, x, y);
  EXPECT_EQ(x.rows(), y.size());
  return y;
}

// d = 2: a fidelity needs 3 usable results to be fitted on.
TEST(AmbsFidelity, FitsOnTheLargestFidelityWithEnoughResults) {
  Observations o = observations();
  for (int i = 0; i < 4; ++i) o.add(point(0.1 * i, 0.5), Status::ok, 10.0 + i, 1.0);
  EXPECT_EQ(o.fit_fidelity(), 1.0);
  o.add(point(0.7, 0.1), Status::ok, 1.0, 3.0);
  o.add(point(0.8, 0.1), Status::failed, std::nan(""), 3.0);
  EXPECT_EQ(o.fit_fidelity(), 1.0) << "fidelity 3 has 1 usable result";
  EXPECT_EQ(targets(o).size(), 4) << "the results at fidelity 1 only";
  EXPECT_EQ(o.best_target(), 10.0);
  o.add(point(0.9, 0.1), Status::ok, 2.0, 3.0);
  o.add(point(0.6, 0.1), Status::ok, 3.0, 3.0);
  EXPECT_EQ(o.fit_fidelity(), 3.0);
  const Eigen::VectorXd y = targets(o);
  ASSERT_EQ(y.size(), 4) << "3 results at fidelity 3 and its failure, imputed worst";
  EXPECT_EQ(y.maxCoeff(), 3.0);
  EXPECT_EQ(o.best_target(), 1.0);
  const auto best = o.best_rows(10);
  EXPECT_EQ(best.size(), 3u) << "local search starts from the fitted fidelity's results";
  o.add(point(0.5, 0.5), Status::ok, 0.5, 2.0);
  EXPECT_EQ(o.fit_fidelity(), 3.0) << "a smaller fidelity never takes over";
}

TEST(AmbsFidelity, FewResultsEverywhereFitOnAll) {
  Observations o = observations();
  o.add(point(0.1, 0.1), Status::ok, 1.0, 1.0);
  o.add(point(0.2, 0.1), Status::ok, 2.0, 3.0);
  EXPECT_TRUE(std::isnan(o.fit_fidelity()));
  EXPECT_EQ(targets(o).size(), 2);
}

TEST(AmbsFidelity, AFullFidelitySearchFitsOnEveryResult) {
  Observations o = observations();
  for (int i = 0; i < 6; ++i) o.add(point(0.1 * i, 0.2), Status::ok, i, 0.0);
  o.add(point(0.9, 0.9), Status::failed, std::nan(""), 0.0);
  EXPECT_EQ(o.fit_fidelity(), 0.0);
  EXPECT_EQ(targets(o).size(), 7);
}

} // namespace
} // namespace hpsearch
