#pragma once
// mutate: regularized evolution's mutation for any search space. One gene (an active
// parameter with more than one value) of the parent changes to another valid value, drawn
// uniformly (log-uniformly for a log-scaled real); every other active parameter keeps its
// value. Conditions are decided again in order: a parameter the change deactivates is dropped,
// one it activates gets a value drawn from its prior. A child a forbidden clause matches is
// drawn again (another gene, another value).
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/space/search_space.hpp"

#include <optional>

namespace hpsearch {

/// A child of `parent` (a configuration of `space`) differing in one gene, or nullopt when the
/// parent has no gene with another value or 100 draws were all forbidden.
std::optional<Config> mutate(const SearchSpace& space, const Config& parent, Rng& rng);

/// True when `parameter` has a value other than `value` to mutate to.
bool can_mutate(const Parameter& parameter);

} // namespace hpsearch
