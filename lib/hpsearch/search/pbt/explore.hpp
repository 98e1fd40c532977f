#pragma once
// PBT's explore step (pbt_options.hpp): the hyperparameters a member continues with after
// copying a donor, derived from the donor's. Each active parameter is, with probability
// `resample_probability`, redrawn from its prior (uniform, log-uniform where `log`), else
// perturbed:
//   real     value × 0.8 or × 1.2 (one of the two at random), clamped to [low, high]; a
//            multiplicative step is the same step in log space, so log scales are honoured
//   integer  round(value × 0.8 or × 1.2); when rounding gives the same value, one step in
//            that direction; clamped to [low, high]
//   ordinal, categorical  the neighbouring choice in the list (up or down at random; at
//            either end, the only neighbour)
//   constant unchanged
// Conditions are decided in order on the new values: a parameter that becomes inactive is
// dropped, one that becomes active is drawn from its prior. A configuration a forbidden
// clause matches is drawn again (up to 100 times; then the donor's own configuration).
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/space/parameter.hpp"
#include "hpsearch/space/search_space.hpp"

namespace hpsearch {

/// One perturbation of `value` (a valid value of `parameter`), as described above.
Value perturb_value(const Parameter& parameter, const Value& value, Rng& rng);

/// The explored configuration from `donor` (a configuration of `space`).
Config explore(const SearchSpace& space, const Config& donor, double resample_probability,
               Rng& rng);

} // namespace hpsearch
