#include "hpsearch/search/strategy.hpp"

#include "hpsearch/search/ambs/ambs_strategy.hpp"
#include "hpsearch/search/evolution/agebo_strategy.hpp"
#include "hpsearch/search/evolution/evolution_strategy.hpp"
#include "hpsearch/search/grid_search.hpp"
#include "hpsearch/search/random_search.hpp"
#include "hpsearch/search/tpe/tpe_strategy.hpp"

namespace hpsearch {

std::unique_ptr<Strategy> make_strategy(const StrategyOptions& options,
                                        const StrategyContext& context) {
  switch (options.kind) {
  case StrategyKind::random:
    return std::make_unique<RandomSearch>(context.space, context.seed, options.initial);
  case StrategyKind::grid:
    return std::make_unique<GridSearch>(context.space, options.grid);
  case StrategyKind::ambs: {
    AmbsOptions ambs = options.ambs;
    ambs.fidelities = context.fidelities;
    return std::make_unique<AmbsStrategy>(context.space, ambs, options.initial, context.direction,
                                          context.seed, context.workers);
  }
  case StrategyKind::tpe:
    return std::make_unique<TpeStrategy>(context.space, options.tpe, context.direction,
                                         context.seed);
  case StrategyKind::evolution:
    return std::make_unique<EvolutionStrategy>(context.space, options.evolution, context.direction,
                                               context.seed);
  case StrategyKind::agebo:
    return std::make_unique<AgeboStrategy>(context.space, options, context);
  }
  throw Error::internal("search.strategy: no strategy for kind " +
                        std::to_string(static_cast<int>(options.kind)));
}

std::unique_ptr<Strategy> make_strategy(std::string_view name, const StrategyContext& context) {
  StrategyOptions options;
  options.kind = strategy_kinds.at(name);
  return make_strategy(options, context);
}

} // namespace hpsearch
