#include "hpsearch/search/strategy.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/search/ambs/ambs_strategy.hpp"
#include "hpsearch/search/grid_search.hpp"
#include "hpsearch/search/random_search.hpp"

#include <string>

namespace hpsearch {

const std::vector<std::string_view>& strategy_names() {
  static const std::vector<std::string_view> names = {"random", "grid", "ambs"};
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
  if (name == "ambs") {
    AmbsOptions options = context.ambs;
    options.initial_design = context.initial_design;
    options.initial_points = context.initial_points;
    return std::make_unique<AmbsStrategy>(context.space, std::move(options), context.direction,
                                          context.seed, context.workers);
  }
  std::string known;
  for (auto n : strategy_names()) known += (known.empty() ? "" : ", ") + std::string(n);
  throw Error::input("unknown search strategy '" + std::string(name) + "' (known: " + known + ")");
}

} // namespace hpsearch
