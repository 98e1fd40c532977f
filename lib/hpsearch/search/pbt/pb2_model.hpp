#pragma once
// PB2's model (Parker-Holder et al. 2020, "Provably efficient online hyperparameter
// optimization with population-based bandits"): a Gaussian process over an input
// z = (t, rest), where t is the time (in ready intervals) and `rest` the reward before the
// interval (normalised to [0, 1]) followed by the hyperparameters (in the unit cube), onto
// the reward change per unit of time over the interval that followed.
//
// Kernel (time-varying squared exponential, signal variance 1):
//   k(z, z') = exp(-|rest - rest'|^2 / (2 lengthscale^2)) * (1 - epsilon)^(|t - t'| / 2)
// Targets are standardised (mean 0, standard deviation 1; 1 when all equal), with Gaussian
// noise `noise` (a variance, in standardised units). lengthscale, epsilon and noise are
// FITTED: the triple on a fixed grid (kLengthscales x kEpsilons x kNoises) with the highest
// log marginal likelihood on the last kFitRows rows (with fewer than kMinFitRows rows, the
// defaults of Pb2Kernel and kDefaultNoise). The posterior then uses every row.
//
// The batch penalty: the variance comes from a second GP over the rows AND the inputs of the
// members currently running (their targets unknown, and not needed: a GP's variance does
// not depend on its targets), so an input near a running member has a lower variance, and
// a lower UCB, than the same input without it.
//
// UCB(z) = mean(z) + sqrt(beta) * sqrt(variance(z)), beta = pb2_beta(rows).
#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <array>
#include <cstddef>
#include <vector>

namespace hpsearch {

struct Pb2Input {
  double time = 0.0;        ///< in ready intervals
  std::vector<double> rest; ///< reward before (normalised), then hyperparameters in [0, 1]

  bool operator==(const Pb2Input&) const = default;
};

struct Pb2Kernel {
  double lengthscale = 0.5;
  double epsilon = 0.1; ///< in [0, 1): how fast old rows are forgotten

  double operator()(const Pb2Input& a, const Pb2Input& b) const;
};

/// beta_t = 0.2 ln(0.4 n) for n rows, its argument clamped below at 2 (beta = 0.2 ln 2
/// for n <= 5) so that it is defined and positive for small n.
double pb2_beta(std::size_t rows);

class Pb2Gp {
public:
  static constexpr std::array<double, 5> kLengthscales = {0.1, 0.2, 0.4, 0.8, 1.6};
  static constexpr std::array<double, 5> kEpsilons = {0.01, 0.05, 0.1, 0.2, 0.4};
  static constexpr std::array<double, 2> kNoises = {0.01, 0.1};
  static constexpr std::size_t kFitRows = 200;
  static constexpr std::size_t kMinFitRows = 5;
  static constexpr double kDefaultNoise = 0.1;

  /// Fits the kernel's hyperparameters (see above). `inputs` and `targets` have the same
  /// size (possibly 0: mean 0); `running` is in the variance model only.
  Pb2Gp(std::vector<Pb2Input> inputs, const std::vector<double>& targets,
        const std::vector<Pb2Input>& running);
  /// The same with the hyperparameters given.
  Pb2Gp(std::vector<Pb2Input> inputs, const std::vector<double>& targets,
        const std::vector<Pb2Input>& running, Pb2Kernel kernel, double noise);

  double mean(const Pb2Input& z) const;     ///< standardised units
  double variance(const Pb2Input& z) const; ///< with the running members
  double ucb(const Pb2Input& z) const;
  /// ucb() for many inputs at once (one triangular solve for all of them).
  std::vector<double> ucb(const std::vector<Pb2Input>& zs) const;

  const Pb2Kernel& kernel() const { return kernel_; }
  double noise() const { return noise_; }
  std::size_t rows() const { return inputs_.size(); }

private:
  void build(const std::vector<double>& targets, const std::vector<Pb2Input>& running);
  Eigen::MatrixXd cross(const std::vector<Pb2Input>& a, const std::vector<Pb2Input>& b) const;

  Pb2Kernel kernel_;
  double noise_ = kDefaultNoise;
  std::vector<Pb2Input> inputs_;   ///< the rows
  std::vector<Pb2Input> variance_; ///< the rows, then the running members
  Eigen::VectorXd alpha_;          ///< (K + noise I)^-1 y over the rows
  Eigen::LLT<Eigen::MatrixXd> variance_llt_;
};

} // namespace hpsearch
