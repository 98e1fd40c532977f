#pragma once
// ParzenEstimator: the multivariate kernel density TPE fits on each group of observations
// (Optuna's _ParzenEstimator with multivariate=True, consider_prior, magic clip).
//
// Coordinates are TPE's internal ones (tpe_space.hpp): a real (or log-scaled) axis for
// continuous dimensions, integer positions for discrete ones, a choice index for
// categorical ones. One mixture component per observation plus one prior component:
//   weights    1 each for up to 25 observations; with n >= 25, the oldest n - 25 ramp
//              linearly from 1/n to 1 (chronological order); the prior gets prior_weight;
//              all normalised to sum 1
//   numeric    a normal kernel truncated to [low, high], centred on the observation, with
//              sigma = 0.2 * n^(-1 / (d + 4)) * (high - low) (Scott's rule, d dimensions,
//              n = max(observations, 1)) clipped to [(high - low) / min(100, n + 2),
//              high - low]; the prior is centred at (low + high) / 2 with sigma high - low.
//              A discrete dimension's density is the kernel's mass on [x - 0.5, x + 0.5].
//   categorical  probabilities (prior_weight / (n + 1) + [c == observed]) normalised;
//              uniform for the prior
// An observation where a dimension is inactive (NaN: its condition did not hold) gets the
// prior's kernel there, so every component is a density on the whole box. A point where a
// dimension is inactive (NaN) has that dimension marginalised out (factor 1 in every
// component).
#include "hpsearch/core/rng.hpp"

#include <Eigen/Core>
#include <cstddef>
#include <vector>

namespace hpsearch {

struct TpeDimension {
  enum class Kind { continuous, discrete, categorical };
  Kind kind = Kind::continuous;
  double low = 0.0;        ///< continuous / discrete: the kernel's support (for discrete: the
  double high = 1.0;       ///< first value - 0.5 and the last + 0.5)
  std::size_t choices = 0; ///< categorical: the number of choices
};

class ParzenEstimator {
public:
  /// `rows` in chronological order, one coordinate per dimension (NaN: inactive).
  ParzenEstimator(std::vector<TpeDimension> dimensions, const std::vector<Eigen::VectorXd>& rows,
                  double prior_weight);

  /// A point drawn from the mixture (every dimension set; discrete ones on integer
  /// positions, categorical ones on choice indices).
  Eigen::VectorXd sample(Rng& rng) const;
  /// log density of `x` (NaN coordinates marginalised out).
  double log_pdf(const Eigen::VectorXd& x) const;

  /// Components: the observations in order, then the prior.
  std::size_t components() const { return weights_.size(); }
  const std::vector<double>& weights() const { return weights_; }
  /// Numeric dimension j of component i.
  double mu(std::size_t i, std::size_t j) const {
    return mus_(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  }
  double sigma(std::size_t i, std::size_t j) const {
    return sigmas_(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  }
  /// Categorical dimension j of component i: the probability of choice c.
  double probability(std::size_t i, std::size_t j, std::size_t c) const;

private:
  /// log of the kernel of component i at coordinate x of dimension j.
  double log_kernel(std::size_t i, std::size_t j, double x) const;

  std::vector<TpeDimension> dimensions_;
  std::vector<double> weights_;
  std::vector<double> log_weights_;
  Eigen::MatrixXd mus_;                            ///< components x dimensions (numeric ones)
  Eigen::MatrixXd sigmas_;                         ///< components x dimensions (numeric ones)
  Eigen::MatrixXd log_accept_;                     ///< log of each kernel's mass on [low, high]
  std::vector<Eigen::MatrixXd> log_probabilities_; ///< per dimension: components x choices
};

/// Optuna's default_weights(n): n ones for n < 25, else a ramp 1/n .. 1 over the oldest
/// n - 25 and ones for the 25 most recent.
std::vector<double> tpe_observation_weights(std::size_t n);

/// log of the standard normal's mass on [a, b] (a <= b), accurate in the far tails.
double log_gauss_mass(double a, double b);

} // namespace hpsearch
