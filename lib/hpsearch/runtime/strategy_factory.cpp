#include "hpsearch/runtime/strategy_factory.hpp"

namespace hpsearch {

std::unique_ptr<Strategy> make_strategy_for(const Problem& problem) {
  StrategyContext context{problem.space, problem.objective.direction, problem.run.seed};
  return make_strategy(problem.search.strategy, context);
}

} // namespace hpsearch
