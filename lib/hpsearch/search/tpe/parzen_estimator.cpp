#include "hpsearch/search/tpe/parzen_estimator.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

namespace hpsearch {

namespace {

constexpr double kSigma0 = 0.2;           // Scott's rule factor (BOHB's, Optuna's)
constexpr double kMagicClipCount = 100.0; // minimum sigma: range / min(100, n + 2)
constexpr std::size_t kFlatWeights = 25;  // the most recent observations weigh 1
constexpr int kMaxRejections = 1000;      // truncated-normal draws before the inverse

double log_normal_cdf(double z) {
  if (z > 0.0) return std::log1p(-0.5 * std::erfc(z / std::numbers::sqrt2));
  if (z > -30.0) return std::log(0.5 * std::erfc(-z / std::numbers::sqrt2));
  // Asymptotic series of the lower tail: phi(z) / -z * (1 - 1/z^2 + 3/z^4).
  const double z2 = z * z;
  return -0.5 * z2 - 0.5 * std::log(2.0 * std::numbers::pi) - std::log(-z) +
         std::log1p(-1.0 / z2 + 3.0 / (z2 * z2));
}

/// log(exp(x) - exp(y)) for x >= y.
double log_diff_exp(double x, double y) {
  if (!(x > y)) return -std::numeric_limits<double>::infinity();
  return x + std::log1p(-std::exp(y - x));
}

} // namespace

double log_gauss_mass(double a, double b) {
  if (a >= 0.0) return log_gauss_mass(-b, -a); // the mirror image lies in the lower tail
  if (b <= 0.0) return log_diff_exp(log_normal_cdf(b), log_normal_cdf(a));
  // Straddles 0: 1 minus both tails, each at most one half.
  return std::log1p(-std::exp(log_normal_cdf(a)) - std::exp(log_normal_cdf(-b)));
}

std::vector<double> tpe_observation_weights(std::size_t n) {
  std::vector<double> w(n, 1.0);
  if (n <= kFlatWeights) return w;
  const std::size_t ramp = n - kFlatWeights;
  const double first = 1.0 / static_cast<double>(n);
  for (std::size_t i = 0; i < ramp; ++i) {
    w[i] = ramp == 1
               ? first
               : first + (1.0 - first) * static_cast<double>(i) / static_cast<double>(ramp - 1);
  }
  return w;
}

ParzenEstimator::ParzenEstimator(std::vector<TpeDimension> dimensions,
                                 const std::vector<Eigen::VectorXd>& rows, double prior_weight)
    : dimensions_(std::move(dimensions)) {
  const std::size_t n = rows.size();
  const std::size_t k = n + 1; // the prior last
  const std::size_t d = dimensions_.size();
  weights_ = tpe_observation_weights(n);
  weights_.push_back(prior_weight);
  double total = 0.0;
  for (double w : weights_) total += w;
  if (!(total > 0.0)) throw Error::internal("ParzenEstimator: the weights sum to zero");
  for (double& w : weights_) w /= total;
  log_weights_.resize(k);
  for (std::size_t i = 0; i < k; ++i) log_weights_[i] = std::log(weights_[i]);

  const auto rows_k = static_cast<Eigen::Index>(k);
  const auto cols_d = static_cast<Eigen::Index>(d);
  mus_ = Eigen::MatrixXd::Zero(rows_k, cols_d);
  sigmas_ = Eigen::MatrixXd::Ones(rows_k, cols_d);
  log_accept_ = Eigen::MatrixXd::Zero(rows_k, cols_d);
  log_probabilities_.resize(d);
  const double scott = kSigma0 * std::pow(static_cast<double>(std::max<std::size_t>(n, 1)),
                                          -1.0 / (static_cast<double>(d) + 4.0));
  for (std::size_t j = 0; j < d; ++j) {
    const TpeDimension& dim = dimensions_[j];
    const auto col = static_cast<Eigen::Index>(j);
    if (dim.kind == TpeDimension::Kind::categorical) {
      const auto c = static_cast<Eigen::Index>(dim.choices);
      Eigen::MatrixXd p = Eigen::MatrixXd::Constant(rows_k, c, 1.0 / static_cast<double>(c));
      const double floor = prior_weight / static_cast<double>(k);
      for (std::size_t i = 0; i < n; ++i) {
        const double v = rows[i][col];
        if (std::isnan(v)) continue; // inactive there: the prior's kernel
        const auto row = static_cast<Eigen::Index>(i);
        p.row(row).setConstant(floor);
        p(row, static_cast<Eigen::Index>(v)) += 1.0;
        p.row(row) /= p.row(row).sum();
      }
      log_probabilities_[j] = p.array().log().matrix();
      continue;
    }
    const double range = dim.high - dim.low;
    const double min_sigma = range / std::min(kMagicClipCount, static_cast<double>(n) + 2.0);
    const double sigma = std::clamp(scott * range, min_sigma, range);
    for (std::size_t i = 0; i < k; ++i) {
      const auto row = static_cast<Eigen::Index>(i);
      const double v = i < n ? rows[i][col] : std::numeric_limits<double>::quiet_NaN();
      const bool prior = std::isnan(v);
      mus_(row, col) = prior ? 0.5 * (dim.low + dim.high) : v;
      sigmas_(row, col) = prior ? range : sigma;
      log_accept_(row, col) = log_gauss_mass((dim.low - mus_(row, col)) / sigmas_(row, col),
                                             (dim.high - mus_(row, col)) / sigmas_(row, col));
    }
  }
}

double ParzenEstimator::probability(std::size_t i, std::size_t j, std::size_t c) const {
  return std::exp(
      log_probabilities_[j](static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)));
}

Eigen::VectorXd ParzenEstimator::sample(Rng& rng) const {
  // The component, by weight.
  double u = rng.uniform();
  std::size_t i = 0;
  while (i + 1 < weights_.size() && u >= weights_[i]) u -= weights_[i++];
  const auto row = static_cast<Eigen::Index>(i);
  Eigen::VectorXd x(static_cast<Eigen::Index>(dimensions_.size()));
  for (std::size_t j = 0; j < dimensions_.size(); ++j) {
    const TpeDimension& dim = dimensions_[j];
    const auto col = static_cast<Eigen::Index>(j);
    if (dim.kind == TpeDimension::Kind::categorical) {
      double v = rng.uniform();
      std::size_t c = 0;
      for (; c + 1 < dim.choices; ++c) {
        v -= std::exp(log_probabilities_[j](row, static_cast<Eigen::Index>(c)));
        if (v < 0.0) break;
      }
      x[col] = static_cast<double>(c);
      continue;
    }
    const double mu = mus_(row, col);
    const double sigma = sigmas_(row, col);
    // Truncated normal by rejection: sigma <= high - low and mu in [low, high] keep the
    // acceptance above 1/3; the bound only guards against a degenerate range.
    double v = std::clamp(mu, dim.low, dim.high);
    for (int t = 0; t < kMaxRejections; ++t) {
      const double draw = mu + sigma * std::normal_distribution<double>()(rng.engine());
      if (draw >= dim.low && draw <= dim.high) {
        v = draw;
        break;
      }
    }
    if (dim.kind == TpeDimension::Kind::discrete) {
      v = std::clamp(std::round(v), dim.low + 0.5, dim.high - 0.5);
    }
    x[col] = v;
  }
  return x;
}

double ParzenEstimator::log_kernel(std::size_t i, std::size_t j, double x) const {
  const TpeDimension& dim = dimensions_[j];
  const auto row = static_cast<Eigen::Index>(i);
  const auto col = static_cast<Eigen::Index>(j);
  if (dim.kind == TpeDimension::Kind::categorical) {
    return log_probabilities_[j](row, static_cast<Eigen::Index>(x));
  }
  const double mu = mus_(row, col);
  const double sigma = sigmas_(row, col);
  if (dim.kind == TpeDimension::Kind::discrete) {
    const double a = std::max(x - 0.5, dim.low);
    const double b = std::min(x + 0.5, dim.high);
    return log_gauss_mass((a - mu) / sigma, (b - mu) / sigma) - log_accept_(row, col);
  }
  const double z = (x - mu) / sigma;
  return -0.5 * z * z - std::log(sigma) - 0.5 * std::log(2.0 * std::numbers::pi) -
         log_accept_(row, col);
}

double ParzenEstimator::log_pdf(const Eigen::VectorXd& x) const {
  std::vector<double> terms(log_weights_);
  for (std::size_t j = 0; j < dimensions_.size(); ++j) {
    const double v = x[static_cast<Eigen::Index>(j)];
    if (std::isnan(v)) continue;
    for (std::size_t i = 0; i < terms.size(); ++i) terms[i] += log_kernel(i, j, v);
  }
  const double top = *std::max_element(terms.begin(), terms.end());
  if (!std::isfinite(top)) return top;
  double sum = 0.0;
  for (double t : terms) sum += std::exp(t - top);
  return top + std::log(sum);
}

} // namespace hpsearch
