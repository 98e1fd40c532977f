#include "hpsearch/surrogate/matern52.hpp"

#include <cmath>

namespace hpsearch {

namespace {
const double kSqrt5 = std::sqrt(5.0);
}

Eigen::MatrixXd scaled_sq_distances(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  const Eigen::VectorXd an = a.rowwise().squaredNorm();
  const Eigen::VectorXd bn = b.rowwise().squaredNorm();
  Eigen::MatrixXd r2 = -2.0 * a * b.transpose();
  r2.colwise() += an;
  r2.rowwise() += bn.transpose();
  return r2.cwiseMax(0.0);
}

Eigen::MatrixXd matern52_from_sq(const Eigen::MatrixXd& r2, double signal_variance) {
  return r2.unaryExpr([signal_variance](double s) {
    const double r = std::sqrt(s);
    return signal_variance * (1.0 + kSqrt5 * r + 5.0 / 3.0 * s) * std::exp(-kSqrt5 * r);
  });
}

Eigen::MatrixXd matern52_slope_from_sq(const Eigen::MatrixXd& r2, double signal_variance) {
  return r2.unaryExpr([signal_variance](double s) {
    const double r = std::sqrt(s);
    return signal_variance * 5.0 / 3.0 * (1.0 + kSqrt5 * r) * std::exp(-kSqrt5 * r);
  });
}

Eigen::MatrixXd matern52(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                         const Eigen::VectorXd& lengths, double signal_variance) {
  const Eigen::VectorXd inverse = lengths.cwiseInverse();
  const Eigen::MatrixXd as = a * inverse.asDiagonal();
  const Eigen::MatrixXd bs = b * inverse.asDiagonal();
  return matern52_from_sq(scaled_sq_distances(as, bs), signal_variance);
}

} // namespace hpsearch
