#pragma once
// The fidelity as an input of AMBS's model (AmbsOptions::fidelity_model input): the model
// column a fidelity maps to in the scheduler's range (FidelityRange, ambs_options.hpp) —
// log-scaled and normalized, min_fidelity -> 0, max_fidelity -> 1 — where proposals are
// scored at 1.
#include "hpsearch/search/ambs/ambs_options.hpp"

#include <algorithm>
#include <cmath>

namespace hpsearch {

/// The model column of a result reached at `fidelity`: log(f / min) / log(max / min),
/// clipped to [0, 1]. 1 (the scored fidelity) when min == max and for fidelity <= 0 (a
/// result without a fidelity: a full training).
inline double fidelity_feature(double fidelity, const FidelityRange& range) {
  if (!(fidelity > 0.0) || !(range.max > range.min)) return 1.0;
  const double x = std::log(fidelity / range.min) / std::log(range.max / range.min);
  return std::clamp(x, 0.0, 1.0);
}

} // namespace hpsearch
