#include "hpsearch/runtime/evaluator_factory.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/function_evaluator.hpp"

namespace hpsearch {

std::unique_ptr<Evaluator> make_evaluator(const Problem& problem,
                                          const WorkerContext& /*context*/) {
  const ObjectiveSpec& objective = problem.objective;
  const SearchSpace& space = problem.space;
  if (objective.kind == "function") {
    std::vector<std::string> names;
    for (const auto& p : space.parameters()) names.push_back(p.name);
    return std::make_unique<FunctionEvaluator>(objective.function, std::move(names),
                                               objective.sleep_min, objective.sleep_max,
                                               objective.sleep_log);
  }
  throw Error("objective.kind: '" + objective.kind + "' is not supported (expected: function)");
}

} // namespace hpsearch
