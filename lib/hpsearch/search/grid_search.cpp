#include "hpsearch/search/grid_search.hpp"

#include "hpsearch/core/error.hpp"

namespace hpsearch {

namespace {

std::vector<std::vector<Value>> grid_of(const SearchSpace& space, std::int64_t points,
                                        const std::map<std::string, std::int64_t>& per_parameter) {
  for (const auto& [name, count] : per_parameter) {
    if (space.find(name) == nullptr) {
      throw Error::input("search.grid_points names '" + name + "', which is not a parameter");
    }
  }
  std::vector<std::vector<Value>> values;
  for (const auto& p : space.parameters()) {
    const auto it = per_parameter.find(p.name);
    values.push_back(grid_values(p, it == per_parameter.end() ? points : it->second));
  }
  return values;
}

} // namespace

GridSearch::GridSearch(const SearchSpace& space, std::int64_t points,
                       const std::map<std::string, std::int64_t>& per_parameter)
    : grid_(space, grid_of(space, points, per_parameter)) {}

} // namespace hpsearch
