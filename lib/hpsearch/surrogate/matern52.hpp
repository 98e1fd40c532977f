#pragma once
// The Matérn 5/2 kernel with one length-scale per input column (ARD):
//   k(a, b) = s2 (1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r),  r^2 = sum_i ((a_i - b_i) / l_i)^2.
#include <Eigen/Core>

namespace hpsearch {

/// Squared scaled distances r^2 between the rows of `a` and of `b`, both already divided
/// column-wise by the length-scales.
Eigen::MatrixXd scaled_sq_distances(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b);

/// k(r) for r^2 given element-wise, times `signal_variance`.
Eigen::MatrixXd matern52_from_sq(const Eigen::MatrixXd& r2, double signal_variance);

/// -dk/dr / r, times `signal_variance`: s2 (5/3) (1 + sqrt5 r) exp(-sqrt5 r). The derivative
/// of k with respect to log l_i is this times ((a_i - b_i) / l_i)^2.
Eigen::MatrixXd matern52_slope_from_sq(const Eigen::MatrixXd& r2, double signal_variance);

/// The kernel matrix between the rows of `a` and of `b` (inputs unscaled).
Eigen::MatrixXd matern52(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                         const Eigen::VectorXd& lengths, double signal_variance);

} // namespace hpsearch
