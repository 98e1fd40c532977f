#include "hpsearch/runtime/strategy_factory.hpp"

namespace hpsearch {

std::unique_ptr<Strategy> make_strategy_for(const Problem& problem, int workers) {
  StrategyOptions options = problem.search.strategy;
  options.ambs.surrogate_options.threads = static_cast<int>(problem.run.manager_threads);
  StrategyContext context{problem.space, problem.objective.direction, problem.run.seed, workers};
  if (const auto& m = problem.search.multifidelity) {
    context.fidelities = {m->min_fidelity, m->max_fidelity};
  }
  return make_strategy(options, context);
}

} // namespace hpsearch
