#pragma once
// Local penalisation (González, Dai, Hennig & Lawrence 2016, "Batch Bayesian optimization via
// local penalization"): keeps the proposals of an asynchronous search apart without lies. Each
// point in flight x_j gets a penaliser
//   phi_j(x) = P(its loss y_j could not beat `best` anywhere in the ball around x_j that x lies
//              outside of) = Phi((best + L * |x - x_j| - mu_j) / sigma_j),
// y_j ~ N(mu_j, sigma_j^2) the surrogate's prediction at x_j and L a Lipschitz constant of the
// surrogate mean (estimated from the scored candidates). A candidate's acquisition score a(x)
// is made positive (softplus for ucb's score, which may be negative; ei and pi already are)
// and multiplied by every phi_j: the ranking uses log a+(x) + sum_j log phi_j(x).
// Distances are in the index-encoded unit cube.
#include "hpsearch/search/acquisition/acquisition_options.hpp"

#include <Eigen/Core>

namespace hpsearch {

/// The largest slope |mean_a - mean_b| / |x_a - x_b| over pairs of up to `max_points` rows of
/// `points` (spread evenly over the rows) at least `min_distance` apart; 0 when no pair is.
/// Forests predict piecewise-constant means: `min_distance` keeps their steps out of it.
double lipschitz_estimate(const Eigen::MatrixXd& points, const Eigen::VectorXd& mean,
                          double min_distance, Eigen::Index max_points = 300);

/// `score` (acquisition_scores() of the rows of `points`) replaced by the log of its positive
/// transform plus the log penalisers of the `pending` rows (their predicted `pending_mean`
/// and `pending_std`); `best` is the lowest loss observed, `lipschitz` > 0.
void penalize_scores(AcquisitionKind kind, const Eigen::MatrixXd& points,
                     const Eigen::MatrixXd& pending, const Eigen::VectorXd& pending_mean,
                     const Eigen::VectorXd& pending_std, double best, double lipschitz,
                     Eigen::VectorXd& score);

} // namespace hpsearch
