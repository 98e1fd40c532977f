#pragma once
// Shared helpers for the surrogate tests: seeded data sets and a goodness-of-fit measure.
#include "hpsearch/core/rng.hpp"

#include <Eigen/Core>
#include <cmath>
#include <cstdint>
#include <functional>

namespace hpsearch::testing {

/// `n` rows uniform in [low, high]^d.
inline Eigen::MatrixXd uniform_points(Eigen::Index n, Eigen::Index d, std::uint64_t seed,
                                      double low = 0.0, double high = 1.0) {
  Rng rng(seed);
  Eigen::MatrixXd x(n, d);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < d; ++j) x(i, j) = rng.uniform(low, high);
  return x;
}

inline Eigen::VectorXd apply(const Eigen::MatrixXd& x,
                             const std::function<double(const Eigen::VectorXd&)>& f) {
  Eigen::VectorXd y(x.rows());
  for (Eigen::Index i = 0; i < x.rows(); ++i) y[i] = f(x.row(i).transpose());
  return y;
}

/// A smooth test function on the unit cube: sum_i sin(4 x_i + i).
inline double sum_of_sines(const Eigen::VectorXd& x) {
  double s = 0.0;
  for (Eigen::Index i = 0; i < x.size(); ++i) s += std::sin(4.0 * x[i] + static_cast<double>(i));
  return s;
}

/// Coefficient of determination of `predicted` against `truth`.
inline double r_squared(const Eigen::VectorXd& truth, const Eigen::VectorXd& predicted) {
  const double residual = (truth - predicted).squaredNorm();
  const double total = (truth.array() - truth.mean()).square().sum();
  return 1.0 - residual / total;
}

} // namespace hpsearch::testing
