#pragma once
// AgeboStrategy: aging evolution for the architecture and Bayesian optimization for the
// hyperparameters (AgEBO, Egele et al. SC21), as DeepHyper's AgEBO runs it. The space splits
// (space/space_split.hpp) into the architecture genes, the parameters named `arch.*`
// (kArchitecturePrefix), and the training hyperparameters, every other parameter. Each child
// joins an architecture from regularized evolution over the genes (evolve(): random until the
// population is full, then a mutated tournament winner) with AMBS's proposal over the
// hyperparameter space; AMBS is told every result (its hyperparameters and value), the
// population every successful one (its architecture and value). As in DeepHyper, AMBS's model
// sees the hyperparameters only, not the architecture they were trained with.
//
// Deterministic for a seed with one worker (AMBS proposes on the caller's thread). save_state()
// holds the evolution's random stream and AMBS's own state; the results told again before
// restore_state() rebuild the population and AMBS's data.
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/evolution/evolution_options.hpp"
#include "hpsearch/search/evolution/population.hpp"
#include "hpsearch/search/strategy.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace hpsearch {

class AgeboStrategy final : public Strategy {
public:
  /// Throws hpsearch::Error (bad_input) when the space has no `arch.*` parameter or nothing
  /// else, when a condition or forbidden clause mixes the two, or on options out of range.
  AgeboStrategy(const SearchSpace& space, const StrategyOptions& options,
                const StrategyContext& context);

  std::optional<Config> ask() override;
  void tell(const Evaluation& evaluation) override;
  std::string_view name() const override { return strategy_kinds.name_of(StrategyKind::agebo); }
  std::string save_state() const override;
  void restore_state(const std::string& state) override;

  const AgeingPopulation& population() const { return population_; }

private:
  SearchSpace space_;
  SearchSpace architecture_;
  SearchSpace hyperparameters_;
  Direction direction_;
  Rng rng_;
  AgeingPopulation population_; ///< of architectures (the `arch.*` part of each result)
  std::unique_ptr<Strategy> ambs_;
};

} // namespace hpsearch
