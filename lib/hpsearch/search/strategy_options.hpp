#pragma once
// StrategyOptions: which search strategy proposes configurations (`search.strategy`) and
// the settings of each, as plain values with the defaults a problem file gets. config
// parses into it; make_strategy() (strategy.hpp) builds the strategy it names.
//
// Adding a strategy: its folder, its options type here, one row in strategy_kinds and one
// case in make_strategy().
#include "hpsearch/core/registry.hpp"
#include "hpsearch/search/ambs/ambs_options.hpp"
#include "hpsearch/search/evolution/evolution_options.hpp"
#include "hpsearch/search/tpe/tpe_options.hpp"
#include "hpsearch/space/sampling/sampler_options.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <string>

namespace hpsearch {

enum class StrategyKind { random, grid, ambs, tpe, evolution, agebo };

/// random (uniform sampling after the initial design), grid (every grid point once),
/// ambs (asynchronous model-based search), tpe (tree-structured Parzen estimator, Optuna's
/// defaults), evolution (regularized ageing evolution), agebo (evolution over the `arch.*`
/// genes, AMBS over the other parameters).
inline constexpr Registry strategy_kinds{
    "strategy",
    std::array{Named{"random", StrategyKind::random}, Named{"grid", StrategyKind::grid},
               Named{"ambs", StrategyKind::ambs}, Named{"tpe", StrategyKind::tpe},
               Named{"evolution", StrategyKind::evolution}, Named{"agebo", StrategyKind::agebo}}};

struct GridOptions {
  /// Values per real parameter (and per integer parameter with more values); >= 2.
  std::int64_t points = 5;
  /// Per-parameter overrides of `points`, by parameter name (`grid_points: {lr: 7}`).
  std::map<std::string, std::int64_t> points_per_parameter{};

  bool operator==(const GridOptions&) const = default;
};

struct StrategyOptions {
  StrategyKind kind = StrategyKind::random;
  InitialDesign initial;      ///< random, ambs, agebo (its AMBS): the first points
  GridOptions grid;           ///< grid
  AmbsOptions ambs;           ///< ambs, agebo (its AMBS over the hyperparameters)
  TpeOptions tpe;             ///< tpe
  EvolutionOptions evolution; ///< evolution, agebo

  bool operator==(const StrategyOptions&) const = default;
};

} // namespace hpsearch
