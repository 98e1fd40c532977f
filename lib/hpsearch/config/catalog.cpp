#include "hpsearch/config/catalog.hpp"

#include <array>

namespace hpsearch {

namespace {

constexpr std::array<FunctionInfo, 17> functions = {{
    {"branin", 2, 2},
    {"hartmann6", 6, 6},
    {"ackley", 0, 1},
    {"rosenbrock", 0, 2},
    {"sphere", 0, 1},
    {"rastrigin", 0, 1},
    {"levy", 0, 1},
    {"griewank", 0, 1},
    {"zakharov", 0, 1},
    {"dixon_price", 0, 1},
    {"hartmann3", 3, 3},
    {"six_hump_camel", 2, 2},
    {"goldstein_price", 2, 2},
    {"curve_sphere", 0, 1, true},
    {"curve_branin", 2, 2, true},
    {"curve_hartmann6", 6, 6, true},
    {"pbt_toy", 2, 2, true},
}};

std::string parameters(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " parameter" : " parameters");
}

} // namespace

std::string FunctionInfo::dimension_text() const {
  return dimension != 0 ? "exactly " + parameters(dimension)
                        : "at least " + parameters(min_dimension);
}

std::span<const FunctionInfo> known_functions() {
  return functions;
}

std::vector<std::string_view> known_function_names() {
  std::vector<std::string_view> names;
  names.reserve(std::size(functions));
  for (const FunctionInfo& f : functions) names.push_back(f.name);
  return names;
}

const FunctionInfo* find_function(std::string_view name) {
  for (const FunctionInfo& f : functions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

} // namespace hpsearch
