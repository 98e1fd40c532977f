#pragma once
// Acquisition functions: how promising a candidate is, from the surrogate's mean and
// standard deviation. Everything here works on a LOSS (lower is better; AMBS negates
// maximized objectives before fitting) and returns a SCORE (higher is better):
//   lcb   -(mean - kappa * std)            ("ucb" for a maximized objective; kappa >= 0)
//   ei    E[max(best - xi - Y, 0)]         Y ~ N(mean, std^2)
//   pi    P(Y < best - xi)
// kappa may decay with the number of proposals made (see kappa_at()).
#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

enum class AcquisitionKind { ucb, ei, pi };
enum class KappaDecay { none, exponential, periodic };

struct AcquisitionOptions {
  AcquisitionKind kind = AcquisitionKind::ucb;
  double kappa = 1.96; ///< ucb: weight of the std
  double xi = 0.001;   ///< ei, pi: improvement margin, in loss units after scaling
  KappaDecay decay = KappaDecay::exponential; ///< measured best on bench/quality
  double decay_rate = 0.01;       ///< exponential: kappa * exp(-rate * t), floored at kappa_final
  std::int64_t decay_period = 25; ///< periodic: decays from kappa to kappa_final over
                                  ///< each period of proposals, then restarts
  double kappa_final = 0.01;
};

/// The kappa for the t-th proposal (t = 0, 1, ...) under the decay schedule.
double kappa_at(const AcquisitionOptions& options, std::int64_t t);

/// Scores (higher is better) of candidates with predicted `mean` and `std`; `best` is the
/// lowest loss observed so far (ignored by ucb). A zero std gives the limit values.
Eigen::VectorXd acquisition_scores(AcquisitionKind kind, const Eigen::VectorXd& mean,
                                   const Eigen::VectorXd& std, double best, double kappa,
                                   double xi);

AcquisitionKind parse_acquisition(std::string_view name); ///< throws hpsearch::Error
KappaDecay parse_kappa_decay(std::string_view name);      ///< throws hpsearch::Error
std::string_view to_string(AcquisitionKind kind);
std::string_view to_string(KappaDecay decay);
const std::vector<std::string_view>& acquisition_names();
const std::vector<std::string_view>& kappa_decay_names();

} // namespace hpsearch
