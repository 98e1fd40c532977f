#pragma once
// EvolutionStrategy: regularized (ageing) evolution (Real et al. 2019) as DeepHyper runs it,
// asynchronously: every ask() (a worker is free, i.e. a result came in) hands out one child.
// Until the population holds `population` results, children are random samples of the space;
// then a tournament of `sample` members picks the parent and mutate() (mutation.hpp) changes
// one of its genes. The population (population.hpp) keeps the youngest successful results:
// the oldest leaves, failures never join. Works for any space.
//
// Deterministic for a seed: one random stream. save_state() holds that stream; the population
// is rebuilt by the results told again (in their order) before restore_state() on resume.
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/evolution/evolution_options.hpp"
#include "hpsearch/search/evolution/population.hpp"
#include "hpsearch/search/strategy.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace hpsearch {

/// The value a result contributes to a population (minimised), or nullopt when it has none
/// (failed, timed out, stopped, not finite).
std::optional<double> evolution_loss(const Evaluation& evaluation, Direction direction);

class EvolutionStrategy final : public Strategy {
public:
  /// Throws hpsearch::Error (bad_input) on options out of range.
  EvolutionStrategy(const SearchSpace& space, EvolutionOptions options, Direction direction,
                    std::uint64_t seed);

  std::optional<Config> ask() override;
  void tell(const Evaluation& evaluation) override;
  std::string_view name() const override { return strategy_kinds.name_of(StrategyKind::evolution); }
  std::string save_state() const override;
  void restore_state(const std::string& state) override;

  const AgeingPopulation& population() const { return population_; }

private:
  SearchSpace space_; // a copy: a strategy never depends on its caller keeping the space alive
  Direction direction_;
  Rng rng_;
  AgeingPopulation population_;
};

/// A child of the population for `space`: a random sample until it is full, then a mutation of
/// a tournament's winner (a random sample when the winner has no gene to change).
Config evolve(const SearchSpace& space, const AgeingPopulation& population, Rng& rng);

/// "<tag> 1\n<rng state>": the saved form of an evolution's random stream, and back (throws
/// hpsearch::Error (bad_input) "<tag> state is corrupt"). `rest` receives what follows.
std::string save_rng_state(std::string_view tag, const Rng& rng);
void restore_rng_state(std::string_view tag, const std::string& state, Rng& rng,
                       std::string* rest = nullptr);

} // namespace hpsearch
