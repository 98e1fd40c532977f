#pragma once
// The log marginal likelihood of a zero-mean GP with the Matérn 5/2 ARD kernel plus noise,
// and its gradient, over packed log hyperparameters
//   theta = [log l_1 .. log l_d, log signal variance, log noise variance].
#include <Eigen/Cholesky>
#include <Eigen/Core>

namespace hpsearch {

struct GpHyper {
  Eigen::VectorXd lengths;
  double signal_variance = 1.0;
  double noise_variance = 1e-2;

  static GpHyper unpack(const Eigen::VectorXd& theta);
  Eigen::VectorXd pack() const;
};

/// Cholesky factor of k + diag, adding a growing jitter (relative to the mean diagonal)
/// when the factorisation fails. Throws hpsearch::Error (internal) if it never succeeds.
Eigen::LLT<Eigen::MatrixXd> robust_cholesky(Eigen::MatrixXd k);

/// log p(y | x, theta); writes d/dtheta into `gradient` when not null.
double gp_log_likelihood(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                         const Eigen::VectorXd& theta, Eigen::VectorXd* gradient);

} // namespace hpsearch
