#include "hpsearch/config/catalog.hpp"

#include "hpsearch/space/sampling/sampler.hpp"

#include <array>

namespace hpsearch {

namespace {

constexpr std::array<FunctionInfo, 5> functions = {{
    {"branin", 2, 2},
    {"hartmann6", 6, 6},
    {"ackley", 0, 1},
    {"rosenbrock", 0, 2},
    {"sphere", 0, 1},
}};

constexpr std::array<std::string_view, 4> objective_kinds = {"function", "command", "plugin",
                                                             "torch"};
constexpr std::array<std::string_view, 3> strategies = {"random", "grid", "ambs"};
constexpr std::array<std::string_view, 3> surrogates = {"rf", "et", "gp"};
constexpr std::array<std::string_view, 3> acquisitions = {"ucb", "ei", "pi"};
constexpr std::array<std::string_view, 4> multipoints = {"cl_max", "cl_mean", "cl_min", "qucb"};
constexpr std::array<std::string_view, 3> failure_policies = {"worst", "mean", "ignore"};
constexpr std::array<std::string_view, 3> scalings = {"none", "minmax", "log"};
constexpr std::array<std::string_view, 3> kappa_decays = {"none", "exponential", "periodic"};
constexpr std::array<std::string_view, 2> directions = {"minimize", "maximize"};

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

std::span<const std::string_view> known_objective_kinds() {
  return objective_kinds;
}
bool objective_kind_has_evaluator(std::string_view kind) {
  return kind == "function" || kind == "command" || kind == "plugin" || kind == "torch";
}
std::span<const std::string_view> known_surrogates() {
  return surrogates;
}
std::span<const std::string_view> known_acquisitions() {
  return acquisitions;
}
std::span<const std::string_view> known_multipoints() {
  return multipoints;
}
std::span<const std::string_view> known_failure_policies() {
  return failure_policies;
}
std::span<const std::string_view> known_scalings() {
  return scalings;
}
std::span<const std::string_view> known_kappa_decays() {
  return kappa_decays;
}
std::span<const std::string_view> known_strategies() {
  return strategies;
}
std::span<const std::string_view> known_initial_designs() {
  return sampler_names(); // the space module's registry: config may use space
}
std::span<const std::string_view> known_directions() {
  return directions;
}

} // namespace hpsearch
