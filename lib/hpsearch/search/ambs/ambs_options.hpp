#pragma once
// AmbsOptions: every knob of asynchronous model-based search, with the defaults a problem
// file gets (DeepHyper-like). Plain values and names only: config parses into it, the
// strategy reads it. The initial design is the strategy's (strategy_options.hpp).
#include "hpsearch/core/registry.hpp"
#include "hpsearch/search/acquisition/acquisition_options.hpp"
#include "hpsearch/surrogate/surrogate_options.hpp"

#include <array>
#include <cmath>
#include <cstdint>

namespace hpsearch {

/// How in-flight (pending) points enter the model (search.multipoint):
///   believer                   (the default) Kriging believer (Ginsbourger et al. 2010):
///                              each pending point is added to the training set with the
///                              loss the model fitted on the results alone predicts there;
///                              two fits per proposal while points are in flight
///   cl_min / cl_mean / cl_max  constant liar: each pending point is added to the training
///                              set with the lowest / mean / highest loss observed so far
///                              (cl_max pushes proposals apart the most)
///   qucb                       no lies and no refit: each proposal draws its own kappa from
///                              an exponential distribution with mean `kappa`
///   penalize                   no lies and no refit: local penalisation (González et al.
///                              2016, search/acquisition/local_penalty.hpp): the acquisition
///                              is multiplied by a penaliser around each pending point, its
///                              radius from the predicted loss there and the Lipschitz
///                              constant of the surrogate mean
enum class Multipoint { cl_min, cl_mean, cl_max, qucb, penalize, believer };
/// True for the constant liars (cl_min, cl_mean, cl_max): a pending point's lie is a value
/// observed, the same for every pending point.
constexpr bool is_constant_liar(Multipoint m) {
  return m == Multipoint::cl_min || m == Multipoint::cl_mean || m == Multipoint::cl_max;
}
/// What the model learns from failed evaluations (search.failures): the worst loss
/// observed so far (DeepHyper's policy), the mean, or nothing.
enum class FailurePolicy { worst, mean, ignore };
/// Transform of the loss before fitting (search.objective_scaling).
enum class Scaling { none, minmax, log };

/// What the model learns from a multi-fidelity scheduler's results (search.fidelity_model):
///   largest  BOHB's rule (Falkner et al. 2018): the model fits on the largest fidelity with
///            d + 1 usable results (d = the space's dimension), else on every result
///   input    every result, the fidelity an extra input (log-scaled, normalized to [0, 1]
///            over [min_fidelity, max_fidelity]); proposals are scored at max_fidelity
/// A full-fidelity search has one fidelity: both fit on every result, as before.
enum class FidelityModel { largest, input };

inline constexpr Registry multipoints{
    "multipoint policy",
    std::array{Named{"believer", Multipoint::believer}, Named{"cl_max", Multipoint::cl_max},
               Named{"cl_mean", Multipoint::cl_mean}, Named{"cl_min", Multipoint::cl_min},
               Named{"qucb", Multipoint::qucb}, Named{"penalize", Multipoint::penalize}}};
inline constexpr Registry failure_policies{"failure policy",
                                           std::array{Named{"worst", FailurePolicy::worst},
                                                      Named{"mean", FailurePolicy::mean},
                                                      Named{"ignore", FailurePolicy::ignore}}};
inline constexpr Registry fidelity_models{
    "fidelity model",
    std::array{Named{"largest", FidelityModel::largest}, Named{"input", FidelityModel::input}}};
inline constexpr Registry scalings{"objective scaling", std::array{Named{"none", Scaling::none},
                                                                   Named{"minmax", Scaling::minmax},
                                                                   Named{"log", Scaling::log}}};

/// A multi-fidelity scheduler's fidelities; {0, 0} (the default) for a full-fidelity search.
struct FidelityRange {
  double min = 0.0;
  double max = 0.0;

  /// True for a scheduler's range: 0 < min <= max, both finite.
  bool known() const { return std::isfinite(min) && std::isfinite(max) && min > 0.0 && max >= min; }
  bool operator==(const FidelityRange&) const = default;
};

struct AmbsOptions {
  SurrogateKind surrogate = SurrogateKind::et;
  SurrogateOptions surrogate_options;
  AcquisitionOptions acquisition;
  Multipoint multipoint = Multipoint::believer;
  FailurePolicy failures = FailurePolicy::worst;
  Scaling scaling = Scaling::log;
  FidelityModel fidelity_model = FidelityModel::largest;
  /// The scheduler's fidelities when AMBS is its sampler (not a key: make_strategy copies
  /// StrategyContext::fidelities here); unknown (full fidelity) by default.
  FidelityRange fidelities;
  /// Acquisition optimisation, per proposal: fresh random candidates scored, the best
  /// candidates of earlier proposals re-scored, and local mutations of the best
  /// observed points.
  std::int64_t candidates = 1000;
  std::int64_t elites = 64;
  std::int64_t local_candidates = 128;
  std::int64_t local_parents = 4;
  /// Then a local search on the acquisition (acquisition_search.hpp) from the best
  /// `local_search_starts` scored candidates, at most `local_search_steps` batches of moves
  /// (each scored in one predict); 0 of either turns it off. Off by default: on the suite's
  /// tuning half (bench/quality, 10 seeds, 100 evaluations) 4 starts x 10 steps were worse
  /// than none on 12-15 of 18 problems at every budget, sequential and asynchronous.
  std::int64_t local_search_starts = 4;
  std::int64_t local_search_steps = 0;
  /// Asynchronous mode (more than one worker): the fraction of the forest rebuilt per
  /// model update (the rest is kept) ...
  double refit_fraction = 0.1;
  /// ... once this many evaluations are in: below, a partial forest keeps trees fitted on
  /// lies that have since been told (measured on bench/quality: regret 0.50 instead of
  /// 0.035 on Branin at 50 evaluations with 8 workers), and full fits are cheap anyway.
  std::int64_t incremental_from = 500;
  /// Asynchronous mode: fresh proposals the helper keeps ready ahead of the next ask, and
  /// the runners-up of each acquisition ranking kept in reserve (spread apart, best first)
  /// for the asks that come while the helper is fitting: ask() never waits for a fit.
  std::int64_t prepared = 1;
  std::int64_t reserve = 32;

  bool operator==(const AmbsOptions&) const = default;
};

} // namespace hpsearch
