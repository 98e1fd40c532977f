#pragma once
// AcquisitionOptions: which acquisition function scores candidates (`search.acquisition`)
// and its kappa schedule, as plain values with the defaults a problem file gets. The
// functions themselves are in acquisition.hpp.
#include "hpsearch/core/registry.hpp"

#include <array>
#include <cstdint>

namespace hpsearch {

enum class AcquisitionKind { ucb, ei, pi };
enum class KappaDecay { none, exponential, periodic };

/// ucb (upper confidence bound; a lower bound of the loss), ei (expected improvement),
/// pi (probability of improvement).
inline constexpr Registry acquisition_kinds{"acquisition function",
                                            std::array{Named{"ucb", AcquisitionKind::ucb},
                                                       Named{"ei", AcquisitionKind::ei},
                                                       Named{"pi", AcquisitionKind::pi}}};

inline constexpr Registry kappa_decays{"kappa decay schedule",
                                       std::array{Named{"none", KappaDecay::none},
                                                  Named{"exponential", KappaDecay::exponential},
                                                  Named{"periodic", KappaDecay::periodic}}};

struct AcquisitionOptions {
  AcquisitionKind kind = AcquisitionKind::ucb;
  double kappa = 1.96; ///< ucb: weight of the std
  double xi = 0.001;   ///< ei, pi: improvement margin, in loss units after scaling
  /// No decay by default: a constant kappa. Chosen on bench/quality's tuning half (18
  /// problems, 10 seeds, 200 evaluations; mean rank by median regret among none,
  /// exponential 0.005 and exponential 0.02, the default before): sequential 1.78, 1.67,
  /// 1.78 at 50, 100, 200 evaluations against 2.00, 2.44, 2.44 for exponential 0.02; 8
  /// asynchronous workers within 0.06 of it up to 100 and equal at 200. The decay to
  /// kappa_final had every later proposal exploit the first basin found (goldstein_price2,
  /// 8 workers: 27 at 200 evaluations against 0.00048 with a constant kappa; sequentially
  /// both stay at 81). Checked on the test half (README).
  KappaDecay decay = KappaDecay::none;
  double decay_rate = 0.02;       ///< exponential: kappa * exp(-rate * t), floored at kappa_final
  std::int64_t decay_period = 25; ///< periodic: decays from kappa to kappa_final over
                                  ///< each period of proposals, then restarts
  double kappa_final = 0.01;

  bool operator==(const AcquisitionOptions&) const = default;
};

} // namespace hpsearch
