#include "hpsearch/surrogate/gp_likelihood.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/surrogate/matern52.hpp"

#include <cmath>
#include <numbers>

namespace hpsearch {

GpHyper GpHyper::unpack(const Eigen::VectorXd& theta) {
  const auto d = theta.size() - 2;
  return GpHyper{theta.head(d).array().exp().matrix(), std::exp(theta[d]), std::exp(theta[d + 1])};
}

Eigen::VectorXd GpHyper::pack() const {
  Eigen::VectorXd theta(lengths.size() + 2);
  theta << lengths.array().log().matrix(), std::log(signal_variance), std::log(noise_variance);
  return theta;
}

Eigen::LLT<Eigen::MatrixXd> robust_cholesky(Eigen::MatrixXd k) {
  Eigen::LLT<Eigen::MatrixXd> llt(k);
  const double scale = k.diagonal().mean();
  for (double jitter = 1e-10; llt.info() != Eigen::Success; jitter *= 10.0) {
    if (jitter > 1e-1 || !std::isfinite(scale))
      throw Error::internal("gp: kernel matrix is not positive definite");
    k.diagonal().array() += jitter * scale;
    llt.compute(k);
  }
  return llt;
}

double gp_log_likelihood(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                         const Eigen::VectorXd& theta, Eigen::VectorXd* gradient) {
  const auto n = x.rows();
  const auto d = x.cols();
  const GpHyper h = GpHyper::unpack(theta);
  const Eigen::MatrixXd xs = x * h.lengths.cwiseInverse().asDiagonal();
  const Eigen::MatrixXd r2 = scaled_sq_distances(xs, xs);
  const Eigen::MatrixXd kf = matern52_from_sq(r2, h.signal_variance);
  Eigen::MatrixXd k = kf;
  k.diagonal().array() += h.noise_variance;
  const auto llt = robust_cholesky(k);
  const Eigen::VectorXd alpha = llt.solve(y);
  const double log_det = 2.0 * llt.matrixLLT().diagonal().array().log().sum();
  const double value = -0.5 * y.dot(alpha) - 0.5 * log_det -
                       0.5 * static_cast<double>(n) * std::log(2.0 * std::numbers::pi);
  if (gradient == nullptr) return value;

  // dL/dtheta_j = 1/2 tr(W dK/dtheta_j), W = alpha alpha^T - K^-1 (symmetric).
  Eigen::MatrixXd w = -llt.solve(Eigen::MatrixXd::Identity(n, n));
  w.noalias() += alpha * alpha.transpose();
  gradient->resize(d + 2);
  // dK/dlog l_i = slope .* (xs_ai - xs_bi)^2; with M = W .* slope (symmetric):
  // 1/2 sum_ab M_ab (s_a - s_b)^2 = sum_a s_a^2 rowsum(M)_a - s^T M s.
  const Eigen::MatrixXd m = w.cwiseProduct(matern52_slope_from_sq(r2, h.signal_variance));
  const Eigen::VectorXd row_sums = m.rowwise().sum();
  const Eigen::MatrixXd ms = m * xs;
  for (Eigen::Index i = 0; i < d; ++i)
    (*gradient)[i] = xs.col(i).cwiseAbs2().dot(row_sums) - xs.col(i).dot(ms.col(i));
  (*gradient)[d] = 0.5 * w.cwiseProduct(kf).sum();
  (*gradient)[d + 1] = 0.5 * h.noise_variance * w.trace();
  return value;
}

} // namespace hpsearch
