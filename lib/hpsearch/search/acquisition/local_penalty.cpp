#include "hpsearch/search/acquisition/local_penalty.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hpsearch {

namespace {

/// Lowest log-value a penaliser or a score takes (keeps every sum finite).
constexpr double kLogFloor = -700.0;

/// log(softplus(s)) = log(log(1 + e^s)), stable at both ends.
double log_softplus(double s) {
  if (s > 30.0) return std::log(s);
  if (s < -30.0) return s;
  return std::log(std::log1p(std::exp(s)));
}

/// log(Phi(z)), Phi the standard normal CDF.
double log_normal_cdf(double z) {
  const double p = 0.5 * std::erfc(-z / std::numbers::sqrt2);
  return p > 0.0 ? std::max(std::log(p), kLogFloor) : kLogFloor;
}

} // namespace

double lipschitz_estimate(const Eigen::MatrixXd& points, const Eigen::VectorXd& mean,
                          double min_distance, Eigen::Index max_points) {
  const Eigen::Index n = points.rows();
  const Eigen::Index stride = std::max<Eigen::Index>(1, n / std::max<Eigen::Index>(max_points, 1));
  const double min_sq = min_distance * min_distance;
  double slope = 0.0;
  for (Eigen::Index a = 0; a < n; a += stride) {
    for (Eigen::Index b = a + stride; b < n; b += stride) {
      const double sq = (points.row(a) - points.row(b)).squaredNorm();
      if (sq < min_sq || sq <= 0.0) continue;
      slope = std::max(slope, std::abs(mean[a] - mean[b]) / std::sqrt(sq));
    }
  }
  return slope;
}

void penalize_scores(AcquisitionKind kind, const Eigen::MatrixXd& points,
                     const Eigen::MatrixXd& pending, const Eigen::VectorXd& pending_mean,
                     const Eigen::VectorXd& pending_std, double best, double lipschitz,
                     Eigen::VectorXd& score) {
  for (Eigen::Index i = 0; i < score.size(); ++i) {
    double value = kind == AcquisitionKind::ucb
                       ? log_softplus(score[i])
                       : (score[i] > 0.0 ? std::max(std::log(score[i]), kLogFloor) : kLogFloor);
    for (Eigen::Index j = 0; j < pending.rows(); ++j) {
      const double distance = (points.row(i) - pending.row(j)).norm();
      const double sigma = std::max(pending_std[j], 1e-9);
      value += log_normal_cdf((best + lipschitz * distance - pending_mean[j]) / sigma);
    }
    score[i] = value;
  }
}

} // namespace hpsearch
