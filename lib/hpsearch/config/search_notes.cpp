#include "hpsearch/config/search_notes.hpp"

#include <algorithm>
#include <utility>

namespace hpsearch {

std::vector<std::string> search_notes(const Problem& problem) {
  std::vector<std::string> notes;
  const StrategyOptions& strategy = problem.search.strategy;
  const bool evolves =
      strategy.kind == StrategyKind::evolution || strategy.kind == StrategyKind::agebo;
  const std::int64_t population = strategy.evolution.population;
  if (evolves && problem.run.max_evals <= population) {
    // The measured case (bench/nas_table_bench evolution-25-5): a quarter of the budget,
    // sample a fifth of that.
    const std::int64_t smaller = std::max<std::int64_t>(2, problem.run.max_evals / 4);
    const std::int64_t sample = std::max<std::int64_t>(2, smaller / 5);
    std::string note = "search.evolution.population " + std::to_string(population) +
                       " >= run.max_evals " + std::to_string(problem.run.max_evals) + ": " +
                       (strategy.kind == StrategyKind::agebo ? "the architecture of every proposal"
                                                             : "every proposal") +
                       " will be a random sample (evolution mutates only once the population is "
                       "full)";
    if (smaller < problem.run.max_evals) { // a budget of a few evaluations has no better one
      note += "; for a search this short, try search.evolution: {population: " +
              std::to_string(smaller) + ", sample: " + std::to_string(sample) + "}";
    }
    notes.push_back(std::move(note));
  }
  return notes;
}

} // namespace hpsearch
