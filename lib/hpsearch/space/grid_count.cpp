#include "hpsearch/space/grid_count.hpp"

#include "hpsearch/space/grid.hpp"

#include <algorithm>

namespace hpsearch {

std::optional<std::uint64_t>
count_grid(const SearchSpace& space, const std::vector<std::vector<Value>>& values, double* raw) {
  double product = 1.0;
  for (std::size_t i = 0; i < space.size(); ++i) {
    const Parameter& p = space.parameters()[i];
    product *= i < values.size()
                   ? static_cast<double>(values[i].size())
                   : (p.kind == ParamKind::integer ? p.high - p.low + 1.0
                                                   : static_cast<double>(p.cardinality()));
  }
  if (raw != nullptr) *raw = product;
  if (!(product <= max_counted_combinations)) return std::nullopt;
  std::vector<std::vector<Value>> lists = values;
  for (std::size_t i = lists.size(); i < space.size(); ++i) {
    const Parameter& p = space.parameters()[i];
    lists.push_back(
        grid_values(p, static_cast<std::int64_t>(std::max<std::size_t>(p.cardinality(), 1))));
  }
  GridEnumerator grid(space, std::move(lists));
  while (grid.next()) {
  }
  return grid.visited();
}

std::optional<std::uint64_t> count_configurations(const SearchSpace& space) {
  for (const Parameter& p : space.parameters()) {
    if (p.kind == ParamKind::real) return std::nullopt;
  }
  return count_grid(space, {});
}

} // namespace hpsearch
