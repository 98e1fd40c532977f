#include "hpsearch/search/pbt/pb2_model.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

namespace hpsearch {

namespace {

/// The targets standardised: mean 0, standard deviation 1 (1 when they are all equal).
Eigen::VectorXd standardised(const std::vector<double>& targets) {
  const auto n = static_cast<Eigen::Index>(targets.size());
  Eigen::VectorXd y(n);
  for (Eigen::Index i = 0; i < n; ++i) y(i) = targets[static_cast<std::size_t>(i)];
  if (n == 0) return y;
  const double mean = y.mean();
  const double var = (y.array() - mean).square().sum() / static_cast<double>(n);
  const double sd = var > 1e-24 ? std::sqrt(var) : 1.0;
  return (y.array() - mean) / sd;
}

Eigen::MatrixXd gram(const std::vector<Pb2Input>& x, const Pb2Kernel& kernel, double noise) {
  const auto n = static_cast<Eigen::Index>(x.size());
  Eigen::MatrixXd k(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j <= i; ++j) {
      k(i, j) = k(j, i) = kernel(x[static_cast<std::size_t>(i)], x[static_cast<std::size_t>(j)]);
    }
    k(i, i) += noise;
  }
  return k;
}

/// log p(y | x) of a zero-mean GP; -inf when the Cholesky fails.
double log_likelihood(const std::vector<Pb2Input>& x, const Eigen::VectorXd& y,
                      const Pb2Kernel& kernel, double noise) {
  const Eigen::LLT<Eigen::MatrixXd> llt(gram(x, kernel, noise));
  if (llt.info() != Eigen::Success) return -std::numeric_limits<double>::infinity();
  const Eigen::VectorXd alpha = llt.solve(y);
  const double log_det = 2.0 * llt.matrixL().toDenseMatrix().diagonal().array().log().sum();
  return -0.5 * y.dot(alpha) - 0.5 * log_det -
         0.5 * static_cast<double>(y.size()) * std::log(2.0 * std::numbers::pi);
}

} // namespace

double Pb2Kernel::operator()(const Pb2Input& a, const Pb2Input& b) const {
  double d2 = 0.0;
  const std::size_t n = std::min(a.rest.size(), b.rest.size());
  for (std::size_t i = 0; i < n; ++i) d2 += (a.rest[i] - b.rest[i]) * (a.rest[i] - b.rest[i]);
  return std::exp(-d2 / (2.0 * lengthscale * lengthscale)) *
         std::pow(1.0 - epsilon, std::abs(a.time - b.time) / 2.0);
}

double pb2_beta(std::size_t rows) {
  return 0.2 * std::log(std::max(0.4 * static_cast<double>(rows), 2.0));
}

Pb2Gp::Pb2Gp(std::vector<Pb2Input> inputs, const std::vector<double>& targets,
             const std::vector<Pb2Input>& running)
    : inputs_(std::move(inputs)) {
  if (inputs_.size() != targets.size()) {
    throw Error::internal("Pb2Gp: " + std::to_string(inputs_.size()) + " inputs, " +
                          std::to_string(targets.size()) + " targets");
  }
  if (inputs_.size() >= kMinFitRows) {
    const std::size_t skip = inputs_.size() > kFitRows ? inputs_.size() - kFitRows : 0;
    const std::vector<Pb2Input> fit(inputs_.begin() + static_cast<std::ptrdiff_t>(skip),
                                    inputs_.end());
    const Eigen::VectorXd y = standardised(
        std::vector<double>(targets.begin() + static_cast<std::ptrdiff_t>(skip), targets.end()));
    double best = -std::numeric_limits<double>::infinity();
    for (const double lengthscale : kLengthscales) {
      for (const double epsilon : kEpsilons) {
        for (const double noise : kNoises) {
          const Pb2Kernel kernel{lengthscale, epsilon};
          const double ll = log_likelihood(fit, y, kernel, noise);
          if (ll > best) {
            best = ll;
            kernel_ = kernel;
            noise_ = noise;
          }
        }
      }
    }
  }
  build(targets, running);
}

Pb2Gp::Pb2Gp(std::vector<Pb2Input> inputs, const std::vector<double>& targets,
             const std::vector<Pb2Input>& running, Pb2Kernel kernel, double noise)
    : kernel_(kernel), noise_(noise), inputs_(std::move(inputs)) {
  if (inputs_.size() != targets.size()) {
    throw Error::internal("Pb2Gp: " + std::to_string(inputs_.size()) + " inputs, " +
                          std::to_string(targets.size()) + " targets");
  }
  build(targets, running);
}

void Pb2Gp::build(const std::vector<double>& targets, const std::vector<Pb2Input>& running) {
  const Eigen::LLT<Eigen::MatrixXd> llt(gram(inputs_, kernel_, noise_));
  if (llt.info() != Eigen::Success) throw Error::internal("Pb2Gp: the Cholesky failed");
  alpha_ = llt.solve(standardised(targets));
  variance_ = inputs_;
  variance_.insert(variance_.end(), running.begin(), running.end());
  variance_llt_.compute(gram(variance_, kernel_, noise_));
  if (variance_llt_.info() != Eigen::Success) {
    throw Error::internal("Pb2Gp: the Cholesky of the variance model failed");
  }
}

Eigen::MatrixXd Pb2Gp::cross(const std::vector<Pb2Input>& a, const std::vector<Pb2Input>& b) const {
  Eigen::MatrixXd k(static_cast<Eigen::Index>(a.size()), static_cast<Eigen::Index>(b.size()));
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < b.size(); ++j) {
      k(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = kernel_(a[i], b[j]);
    }
  }
  return k;
}

double Pb2Gp::mean(const Pb2Input& z) const {
  if (inputs_.empty()) return 0.0;
  return cross({z}, inputs_).row(0).dot(alpha_);
}

double Pb2Gp::variance(const Pb2Input& z) const {
  const double prior = kernel_(z, z);
  if (variance_.empty()) return prior;
  const Eigen::VectorXd v = variance_llt_.matrixL().solve(cross(variance_, {z}).col(0));
  return std::max(prior - v.squaredNorm(), 0.0);
}

double Pb2Gp::ucb(const Pb2Input& z) const {
  return mean(z) + std::sqrt(pb2_beta(rows()) * variance(z));
}

std::vector<double> Pb2Gp::ucb(const std::vector<Pb2Input>& zs) const {
  std::vector<double> out(zs.size());
  const double kappa = std::sqrt(pb2_beta(rows()));
  Eigen::VectorXd means = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(zs.size()));
  if (!inputs_.empty()) means = cross(zs, inputs_) * alpha_;
  Eigen::VectorXd reduction = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(zs.size()));
  if (!variance_.empty()) {
    const Eigen::MatrixXd v = variance_llt_.matrixL().solve(cross(variance_, zs));
    reduction = v.colwise().squaredNorm().transpose();
  }
  for (std::size_t i = 0; i < zs.size(); ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    const double var = std::max(kernel_(zs[i], zs[i]) - reduction(k), 0.0);
    out[i] = means(k) + kappa * std::sqrt(var);
  }
  return out;
}

} // namespace hpsearch
