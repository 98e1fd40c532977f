#pragma once
// split_space: a search space cut in two by a parameter-name prefix, each part a SearchSpace of
// its own with its parameters' conditions and forbidden clauses. AgEBO (search/evolution) cuts
// the architecture genes (`arch.*`) from the training hyperparameters this way. The parts must
// be independent: a condition or forbidden clause naming parameters of both is refused.
#include "hpsearch/core/config.hpp"
#include "hpsearch/space/search_space.hpp"

#include <string_view>

namespace hpsearch {

struct SpaceSplit {
  SearchSpace matching; ///< the parameters whose name starts with the prefix, in order
  SearchSpace rest;     ///< every other parameter, in order
};

/// Throws hpsearch::Error (bad_input) naming the parameter whose condition, or the forbidden
/// clause, mixes parameters of both parts.
SpaceSplit split_space(const SearchSpace& space, std::string_view prefix);
/// split_space() for a user that needs both parts (`what`, e.g. "strategy agebo"): also throws
/// hpsearch::Error (bad_input) naming `what` when either part is empty.
SpaceSplit split_space_in_two(const SearchSpace& space, std::string_view prefix,
                              std::string_view what);

/// True when `name` starts with `prefix`.
bool has_prefix(std::string_view name, std::string_view prefix);
/// The entries of `config` whose name starts with `prefix` (`matching`) or the others.
Config config_part(const Config& config, std::string_view prefix, bool matching);
/// The entries of `a` and `b` as one configuration in `space`'s order.
Config join_configs(const SearchSpace& space, const Config& a, const Config& b);

} // namespace hpsearch
