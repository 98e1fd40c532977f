#pragma once
// Counting the valid configurations of a space or a grid (what `hpsearch validate` prints
// as the size), by enumerating them with GridEnumerator up to a bound.
#include "hpsearch/core/value.hpp"
#include "hpsearch/space/search_space.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace hpsearch {

/// Spaces (or grids) with more raw combinations than this are not enumerated to count them.
inline constexpr double max_counted_combinations = 100000.0;

/// The number of valid (active, not forbidden) combinations of the grid `values` (one list
/// per parameter; empty: every value of each parameter, for a space without real
/// parameters), or nullopt when the raw product exceeds max_counted_combinations. The raw
/// product (conditions and forbidden clauses ignored) is stored in `raw` when given.
std::optional<std::uint64_t> count_grid(const SearchSpace& space,
                                        const std::vector<std::vector<Value>>& values,
                                        double* raw = nullptr);

/// The number of valid configurations of a fully discrete space (nullopt when a parameter
/// is real, or there are too many to count).
std::optional<std::uint64_t> count_configurations(const SearchSpace& space);

} // namespace hpsearch
