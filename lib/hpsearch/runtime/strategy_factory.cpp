#include "hpsearch/runtime/strategy_factory.hpp"

namespace hpsearch {

std::unique_ptr<Strategy> make_strategy_for(const Problem& problem) {
  const SearchSpec& search = problem.search;
  StrategyContext context{problem.space, problem.objective.direction, problem.run.seed};
  context.initial_design = search.initial_design;
  context.initial_points = search.initial_points;
  context.grid_points = search.grid_points;
  context.grid_points_per_parameter = search.grid_points_per_parameter;
  return make_strategy(search.strategy, context);
}

} // namespace hpsearch
