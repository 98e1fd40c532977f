#pragma once
// The test functions `objective: {kind: function, name: ...}` may name, with the number of
// parameters each takes. The config module cannot see the evaluators (DESIGN.md §2), so a
// test keeps this list in sync with eval/test_functions.hpp. (Every other name a problem
// file may use is in its owner's options header: core/registry.hpp.)
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
  bool steps = false;        ///< a learning curve: trains to a fidelity, one report per step

  bool accepts(std::size_t d) const { return dimension != 0 ? d == dimension : d >= min_dimension; }
  /// "exactly 2 parameters", "at least 1 parameter".
  std::string dimension_text() const;
};

/// branin, hartmann6, ackley, rosenbrock, sphere, rastrigin, levy, griewank, zakharov,
/// dixon_price, hartmann3, six_hump_camel, goldstein_price, then the learning curves (one value per
/// step, eval/learning_curves.hpp) curve_sphere, curve_branin, curve_hartmann6 and pbt_toy
/// (eval/pbt_toy.hpp; the order of the evaluator registry).
std::span<const FunctionInfo> known_functions();
std::vector<std::string_view> known_function_names();
const FunctionInfo* find_function(std::string_view name);

} // namespace hpsearch
