#include "hpsearch/surrogate/gaussian_process.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/surrogate/matern52.hpp"

#include <LBFGSB.h>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

namespace hpsearch {

namespace {

[[noreturn]] void internal(const std::string& what) {
  throw Error::internal("gp: " + what);
}

// Negative log likelihood for the minimiser; remembers the best point it evaluated, so a
// failed line search still leaves a usable answer.
struct Objective {
  const Eigen::MatrixXd& x;
  const Eigen::VectorXd& y;
  double best_value = std::numeric_limits<double>::infinity();
  Eigen::VectorXd best_theta;

  double operator()(const Eigen::VectorXd& theta, Eigen::VectorXd& gradient) {
    double value = std::numeric_limits<double>::infinity();
    try {
      value = -gp_log_likelihood(x, y, theta, &gradient);
      gradient = -gradient;
    } catch (const Error&) {
      gradient.setZero(theta.size());
      return 1e300;
    }
    if (!std::isfinite(value) || !gradient.allFinite()) {
      gradient.setZero(theta.size());
      return 1e300;
    }
    if (value < best_value) {
      best_value = value;
      best_theta = theta;
    }
    return value;
  }
};

} // namespace

GpHyper GaussianProcess::fit_hyper(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                   std::uint64_t seed) const {
  const auto n = x.rows();
  const auto d = x.cols();
  Rng rng(derive_seed(seed, 0));
  // At most kHyperRows rows, drawn without replacement.
  Eigen::MatrixXd xh = x;
  Eigen::VectorXd yh = y;
  if (n > kHyperRows) {
    std::vector<Eigen::Index> rows(static_cast<std::size_t>(n));
    std::iota(rows.begin(), rows.end(), 0);
    for (Eigen::Index i = 0; i < kHyperRows; ++i)
      std::swap(rows[static_cast<std::size_t>(i)],
                rows[static_cast<std::size_t>(rng.integer(i, n - 1))]);
    rows.resize(kHyperRows);
    std::sort(rows.begin(), rows.end());
    xh = x(rows, Eigen::all);
    yh = y(rows);
  }
  Eigen::VectorXd lower(d + 2), upper(d + 2);
  lower << Eigen::VectorXd::Constant(d, std::log(kMinLength)), std::log(kMinSignal),
      std::log(kMinNoise);
  upper << Eigen::VectorXd::Constant(d, std::log(kMaxLength)), std::log(kMaxSignal),
      std::log(kMaxNoise);

  LBFGSpp::LBFGSBParam<double> param;
  param.max_iterations = 100;
  param.epsilon = 1e-5;
  LBFGSpp::LBFGSBSolver<double> solver(param);
  Objective objective{xh, yh, std::numeric_limits<double>::infinity(), {}};
  for (int restart = 0; restart < kRestarts; ++restart) {
    Eigen::VectorXd theta(d + 2);
    if (restart == 0) {
      theta << Eigen::VectorXd::Constant(d, std::log(0.5)), 0.0, std::log(1e-2);
    } else {
      for (Eigen::Index i = 0; i < d; ++i) theta[i] = rng.uniform(std::log(0.05), std::log(5.0));
      theta[d] = rng.uniform(std::log(0.2), std::log(5.0));
      theta[d + 1] = rng.uniform(std::log(1e-4), std::log(0.2));
    }
    double value = 0.0;
    try {
      solver.minimize(objective, theta, value, lower, upper);
    } catch (const std::exception&) {
      // A failed line search ends this restart; the best point seen so far is kept.
    }
  }
  if (objective.best_theta.size() == 0) internal("no hyperparameters with a finite likelihood");
  return GpHyper::unpack(objective.best_theta);
}

void GaussianProcess::fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t seed) {
  if (static_cast<std::size_t>(x.cols()) != columns_ || y.size() != x.rows())
    internal("expected " + std::to_string(columns_) + " columns and one target per row");
  if (x.rows() > kMaxRows)
    throw Error::input("search.surrogate: gp is for small problems (at most " +
                       std::to_string(kMaxRows) + " evaluations), got " + std::to_string(x.rows()) +
                       "; use `search.surrogate: et` for more");
  if (!x.allFinite() || !y.allFinite()) internal("non-finite training data");
  fitted_ = false;
  if (x.rows() == 0) return;
  y_mean_ = y.mean();
  const double sd = std::sqrt((y.array() - y_mean_).square().mean());
  y_scale_ = sd > 0.0 ? sd : 1.0;
  const Eigen::VectorXd ys = (y.array() - y_mean_) / y_scale_;
  hyper_ = fit_hyper(x, ys, seed);
  Eigen::MatrixXd k = matern52(x, x, hyper_.lengths, hyper_.signal_variance);
  k.diagonal().array() += hyper_.noise_variance;
  llt_ = robust_cholesky(std::move(k));
  alpha_ = llt_.solve(ys);
  x_ = x;
  fitted_ = true;
}

Prediction GaussianProcess::predict(const Eigen::MatrixXd& x) const {
  const auto n = x.rows();
  Prediction out{Eigen::VectorXd::Zero(n), Eigen::VectorXd::Ones(n)};
  if (!fitted_ || n == 0) return out;
  if (static_cast<std::size_t>(x.cols()) != columns_)
    internal("expected " + std::to_string(columns_) + " columns, got " + std::to_string(x.cols()));
  const Eigen::MatrixXd ks = matern52(x, x_, hyper_.lengths, hyper_.signal_variance);
  out.mean = (ks * alpha_).array() * y_scale_ + y_mean_;
  const Eigen::MatrixXd v = llt_.matrixL().solve(ks.transpose());
  const Eigen::ArrayXd variance =
      (hyper_.signal_variance + hyper_.noise_variance - v.colwise().squaredNorm().array()).max(0.0);
  out.std = variance.sqrt() * y_scale_;
  return out;
}

} // namespace hpsearch
