// `search.evolution:` — the keys of strategies evolution and agebo
// (search/evolution/evolution_options.hpp), as a map:
//   search: {strategy: evolution, evolution: {population: 100, sample: 10}}
// Refused under another strategy, where it would silently do nothing. Under evolution,
// initial_design / initial_points are refused too (its first population is random samples);
// under agebo they are AMBS's (over the hyperparameters), as are the AMBS keys. Neither is a
// multi-fidelity sampler (a population of results at mixed fidelities compares unlike values).
// agebo needs a space with architecture genes (`arch.*`) and other parameters, independent of
// each other (space/space_split.hpp).
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/space/space_split.hpp"

#include <array>
#include <string>

namespace hpsearch::detail {

namespace {

constexpr auto evolution_option_keys = std::to_array<std::string_view>({"population", "sample"});
/// An upper bound that keeps a typo (an extra 000) from a population that never fills.
constexpr std::int64_t max_population = 1000000;

bool is_evolution(StrategyKind kind) {
  return kind == StrategyKind::evolution || kind == StrategyKind::agebo;
}

void read_options(const Field& field, EvolutionOptions& options) {
  const MapReader map(field, "a map such as {population: 100, sample: 10}");
  map.allow_only(evolution_option_keys, "search.evolution");
  const std::string population_expected = "an integer from 1 to " + std::to_string(max_population);
  if (const auto f = map.get("population")) {
    options.population = read_integer(*f, population_expected);
    if (options.population < 1 || options.population > max_population) {
      f->fail("out of range", population_expected);
    }
  }
  const std::string sample_expected =
      "an integer from 1 to the population (" + std::to_string(options.population) + ")";
  if (const auto f = map.get("sample")) {
    options.sample = read_integer(*f, sample_expected);
    if (options.sample < 1 || options.sample > options.population) {
      f->fail("out of range", sample_expected);
    }
  } else if (options.sample > options.population) {
    map.field().fail_got(
        "the default sample (" + std::to_string(options.sample) + ") is larger than the population",
        std::to_string(options.population),
        "a population >= " + std::to_string(options.sample) + ", or a sample next to it");
  }
}

} // namespace

void read_evolution(const MapReader& search, const ParsedSpace& space, const SearchSpec& spec,
                    EvolutionOptions& options) {
  const StrategyKind kind = spec.strategy.kind;
  const std::string name(strategy_kinds.name_of(kind));
  if (spec.multifidelity && is_evolution(kind)) {
    const auto sampler = search.get("sampler");
    (sampler ? *sampler : search.field())
        .fail_got("a multi-fidelity scheduler's sampler is told results at every fidelity, "
                  "which a population cannot compare",
                  "sampler " + name, "sampler random, ambs or tpe, or strategy " + name);
  }
  const auto section = search.get("evolution");
  if (!is_evolution(kind)) {
    if (section) {
      section->fail_got("applies to strategies evolution and agebo only", "strategy " + name,
                        "search.strategy: evolution (or agebo) next to it, or no such key");
    }
    return;
  }
  if (kind == StrategyKind::evolution) {
    for (const std::string_view key : {"initial_design", "initial_points"}) {
      if (const auto field = search.get(key)) {
        field->fail_got("does not apply to strategy evolution, whose first population is "
                        "random samples",
                        field->describe(), "search.evolution.population, or no such key");
      }
    }
  }
  if (section) read_options(*section, options);
  if (kind == StrategyKind::agebo) {
    try {
      (void)split_space_in_two(space.space, kArchitecturePrefix, "strategy agebo");
    } catch (const Error& e) {
      const auto strategy = search.get("strategy");
      (strategy ? *strategy : search.field())
          .fail_got(e.what(), "strategy agebo",
                    "a space of architecture genes ('" + std::string(kArchitecturePrefix) +
                        "*') and independent hyperparameters, or strategy evolution");
    }
  }
}

} // namespace hpsearch::detail
