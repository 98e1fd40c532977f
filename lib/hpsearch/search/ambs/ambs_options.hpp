#pragma once
// AmbsOptions: every knob of asynchronous model-based search, with DeepHyper-like defaults.
#include "hpsearch/search/acquisition/acquisition.hpp"
#include "hpsearch/surrogate/surrogate.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

/// How in-flight (pending) points enter the model (search.multipoint):
///   cl_min / cl_mean / cl_max  constant liar: each pending point is added to the training
///                              set with the lowest / mean / highest loss observed so far
///                              (cl_max, the default, pushes proposals apart the most)
///   qucb                       no lies and no refit: each proposal draws its own kappa from
///                              an exponential distribution with mean `kappa`
enum class Multipoint { cl_min, cl_mean, cl_max, qucb };
/// What the model learns from failed evaluations (search.failures): the worst loss
/// observed so far (DeepHyper's policy), the mean, or nothing.
enum class FailurePolicy { worst, mean, ignore };
/// Transform of the loss before fitting (search.objective_scaling).
enum class Scaling { none, minmax, log };

struct AmbsOptions {
  std::string surrogate = "et"; ///< rf | et | gp
  SurrogateOptions surrogate_options;
  AcquisitionOptions acquisition;
  Multipoint multipoint = Multipoint::cl_max;
  FailurePolicy failures = FailurePolicy::worst;
  Scaling scaling = Scaling::log;
  std::string initial_design = "random"; ///< random | lhs | sobol
  std::int64_t initial_points = 0;       ///< 0: 2 * dimension + 1
  /// Acquisition optimisation, per proposal: fresh random candidates scored, the best
  /// candidates of earlier proposals re-scored, and local mutations of the best
  /// observed points.
  std::int64_t candidates = 1000;
  std::int64_t elites = 64;
  std::int64_t local_candidates = 128;
  std::int64_t local_parents = 4;
  /// Asynchronous mode (more than one worker): proposals kept ready ahead of the next ask,
  /// and the fraction of the forest rebuilt per model update (the rest is kept) ...
  double refit_fraction = 0.1;
  /// ... once this many evaluations are in: below, a partial forest keeps trees fitted on
  /// lies that have since been told (measured on bench/quality: regret 0.50 instead of
  /// 0.035 on Branin at 50 evaluations with 8 workers), and full fits are cheap anyway.
  std::int64_t incremental_from = 500;
  std::int64_t prepared = 1;
  /// When the prepared proposal predates the latest result and proposals take at most
  /// this long (seconds), ask() waits (up to twice this) for a fresh one instead.
  double fresh_wait = 0.0015;
};

Multipoint parse_multipoint(std::string_view name);        ///< throws hpsearch::Error
FailurePolicy parse_failure_policy(std::string_view name); ///< throws hpsearch::Error
Scaling parse_scaling(std::string_view name);              ///< throws hpsearch::Error
const std::vector<std::string_view>& multipoint_names();
const std::vector<std::string_view>& failure_policy_names();
const std::vector<std::string_view>& scaling_names();

} // namespace hpsearch
