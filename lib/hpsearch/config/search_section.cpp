// `search:` — how configurations are proposed.
#include "hpsearch/config/catalog.hpp"
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"

#include <array>

namespace hpsearch::detail {

SearchSpec parse_search(const Field& field) {
  constexpr std::array<std::string_view, 1> keys = {"strategy"};
  const MapReader map(field, "a map such as {strategy: random}");
  map.allow_only(keys, "the search section");
  SearchSpec spec;
  if (const auto strategy = map.get("strategy")) {
    spec.strategy = read_choice(*strategy, known_strategies(), "strategy");
  }
  return spec;
}

} // namespace hpsearch::detail
