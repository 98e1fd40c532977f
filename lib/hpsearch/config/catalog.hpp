#pragma once
// The names a problem file may use, each list in one place. The config module cannot see
// the evaluators or strategies (DESIGN.md §2), so a test keeps these lists in sync with
// their registries.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

/// A test function `objective: {kind: function, name: ...}` may name.
struct FunctionInfo {
  std::string_view name;
  std::size_t dimension;     ///< the exact number of parameters, or 0 for "any >= min"
  std::size_t min_dimension; ///< used when dimension == 0

  bool accepts(std::size_t d) const { return dimension != 0 ? d == dimension : d >= min_dimension; }
  /// "exactly 2 parameters", "at least 1 parameter".
  std::string dimension_text() const;
};

/// branin, hartmann6, ackley, rosenbrock, sphere (the order of the evaluator registry).
std::span<const FunctionInfo> known_functions();
std::vector<std::string_view> known_function_names();
const FunctionInfo* find_function(std::string_view name);

/// objective.kind values: function, command, plugin, torch.
std::span<const std::string_view> known_objective_kinds();
/// False for kinds a problem file may declare (and `validate` checks) but that no evaluator
/// of this build runs yet.
bool objective_kind_has_evaluator(std::string_view kind);
/// search.strategy values: random, grid, ambs (the order of search's strategy_names()).
std::span<const std::string_view> known_strategies();
/// search keys of strategy ambs: surrogate (search's surrogate_names()), acquisition,
/// multipoint, failures, objective_scaling, kappa_decay (search/ambs's name lists).
std::span<const std::string_view> known_surrogates();
std::span<const std::string_view> known_acquisitions();
std::span<const std::string_view> known_multipoints();
std::span<const std::string_view> known_failure_policies();
std::span<const std::string_view> known_scalings();
std::span<const std::string_view> known_kappa_decays();
/// search.initial_design values: random, lhs, sobol (space's sampler_names()).
std::span<const std::string_view> known_initial_designs();
/// objective.direction values: minimize, maximize.
std::span<const std::string_view> known_directions();

} // namespace hpsearch
