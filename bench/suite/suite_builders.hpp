#pragma once
// The builders of the suite's problem families (suite_problem.hpp), one file per family.
#include "suite_problem.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hpsearch::bench {

/// `function` of eval/test_functions on its usual domain, reals x0..x{d-1}, named `name`.
SuiteProblem standard(const std::string& name, const std::string& function, std::size_t d);
/// The same, shifted and rotated (suite_problem.hpp), fixed by `seed`.
SuiteProblem rotated(const std::string& name, const std::string& function, std::size_t d,
                     std::uint64_t seed);
/// `function` on integer parameters x0..x{d-1} in [low, high] (the first `integers` of
/// them; the others real on the same bounds).
SuiteProblem integer(const std::string& name, const std::string& function, std::size_t d,
                     std::size_t integers, std::int64_t low, std::int64_t high);
/// `problem` with observation noise (renamed `name`).
SuiteProblem noisy(const std::string& name, SuiteProblem problem, double sd, double slope);

/// Categorical, ordinal and mixed problems (suite_discrete.cpp).
SuiteProblem categorical_cell(const std::string& name, std::size_t n, std::size_t k,
                              std::uint64_t seed);
SuiteProblem ordinal_powers(const std::string& name, std::size_t n, std::uint64_t seed);
SuiteProblem mixed_offsets(const std::string& name);

/// Conditional and HPO-like problems (suite_conditional.cpp).
SuiteProblem conditional_autonet(const std::string& name);
SuiteProblem conditional_branches(const std::string& name);
SuiteProblem hpo_mlp(const std::string& name);
SuiteProblem hpo_gbm(const std::string& name);

/// x0..x{d-1} of `config` as doubles.
std::vector<double> coordinates(const Config& config, std::size_t d);

} // namespace hpsearch::bench
