#pragma once
// GridSearch (`search.strategy: grid`): every valid, active combination of the grid values
// (space/grid.hpp: grid_points per real parameter, all choices of discrete ones), each
// exactly once, in a fixed order, forbidden ones skipped; then ask() returns nullopt.
// Enumeration is lazy: the grid is never materialized.
#include "hpsearch/search/strategy.hpp"
#include "hpsearch/space/grid.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace hpsearch {

class GridSearch final : public Strategy {
public:
  /// `options.points` per real (and large integer) parameter, `points_per_parameter`
  /// overrides by name. Throws hpsearch::Error on an override naming no parameter.
  GridSearch(const SearchSpace& space, const GridOptions& options);

  std::optional<Config> ask() override { return grid_.next(); }
  void tell(const Evaluation&) override {}
  std::string_view name() const override { return strategy_kinds.name_of(StrategyKind::grid); }
  std::string save_state() const override { return grid_.save_state(); }
  void restore_state(const std::string& state) override { grid_.restore_state(state); }

private:
  GridEnumerator grid_;
};

} // namespace hpsearch
