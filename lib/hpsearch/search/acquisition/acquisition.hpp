#pragma once
// Acquisition functions: how promising a candidate is, from the surrogate's mean and
// standard deviation. Everything here works on a LOSS (lower is better; AMBS negates
// maximized objectives before fitting) and returns a SCORE (higher is better):
//   lcb   -(mean - kappa * std)            ("ucb" for a maximized objective; kappa >= 0)
//   ei    E[max(best - xi - Y, 0)]         Y ~ N(mean, std^2)
//   pi    P(Y < best - xi)
// kappa may decay with the number of proposals made (see kappa_at()).
#include "hpsearch/search/acquisition/acquisition_options.hpp"

#include <Eigen/Core>
#include <cstdint>

namespace hpsearch {

/// The kappa for the t-th proposal (t = 0, 1, ...) under the decay schedule.
double kappa_at(const AcquisitionOptions& options, std::int64_t t);

/// Scores (higher is better) of candidates with predicted `mean` and `std`; `best` is the
/// lowest loss observed so far (ignored by ucb). A zero std gives the limit values.
Eigen::VectorXd acquisition_scores(AcquisitionKind kind, const Eigen::VectorXd& mean,
                                   const Eigen::VectorXd& std, double best, double kappa,
                                   double xi);

} // namespace hpsearch
