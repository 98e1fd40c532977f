#include "hpsearch/search/strategy.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/search/grid_search.hpp"
#include "hpsearch/search/random_search.hpp"

#include <string>

namespace hpsearch {

const std::vector<std::string_view>& strategy_names() {
  static const std::vector<std::string_view> names = {"random", "grid"};
  return names;
}

std::unique_ptr<Strategy> make_strategy(std::string_view name, const StrategyContext& context) {
  if (name == "random") {
    return std::make_unique<RandomSearch>(context.space, context.seed, context.initial_design,
                                          context.initial_points);
  }
  if (name == "grid") {
    return std::make_unique<GridSearch>(context.space, context.grid_points,
                                        context.grid_points_per_parameter);
  }
  std::string known;
  for (auto n : strategy_names()) known += (known.empty() ? "" : ", ") + std::string(n);
  throw Error("unknown search strategy '" + std::string(name) + "' (known: " + known + ")");
}

} // namespace hpsearch
