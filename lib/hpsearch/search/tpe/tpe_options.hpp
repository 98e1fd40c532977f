#pragma once
// TpeOptions: every knob of the tree-structured Parzen estimator (`search.strategy: tpe`,
// keys under `search.tpe`), with Optuna's defaults (TPESampler, multivariate). Plain values
// only: config parses into it, the strategy reads it.
#include <cmath>
#include <cstdint>

namespace hpsearch {

struct TpeOptions {
  /// Proposals drawn from the prior (uniformly, as random search) until this many results
  /// with a value are in (at the fidelity the model fits on).
  std::int64_t startup_trials = 10;
  /// Candidates drawn from l(x) per proposal; the one with the largest l(x) / g(x) wins.
  std::int64_t candidates = 24;
  /// The "good" group holds gamma(n) = min(ceil(gamma * n), gamma_max) of the n results.
  double gamma = 0.1;
  std::int64_t gamma_max = 25;
  /// Weight of the prior component (uniform over the space) in each Parzen estimator,
  /// next to weight 1 for each of the 25 most recent observations (older ones ramp down).
  double prior_weight = 1.0;
  /// Configurations in flight join the "bad" group as the worst value (constant liar), so
  /// that parallel proposals spread out.
  bool constant_liar = true;

  /// gamma(n), the size of the good group of n results.
  std::int64_t good_count(std::int64_t n) const {
    const auto g = static_cast<std::int64_t>(std::ceil(gamma * static_cast<double>(n)));
    return g < gamma_max ? g : gamma_max;
  }

  bool operator==(const TpeOptions&) const = default;
};

} // namespace hpsearch
