#include "suite_problem.hpp"

#include "hpsearch/core/rng.hpp"
#include "suite_builders.hpp"

#include <random>

namespace hpsearch::bench {

std::string_view to_string(Half half) {
  return half == Half::tuning ? "tuning" : "test";
}

Half half_of(std::string_view name) {
  std::uint64_t hash = 14695981039346656037ULL; // FNV-1a 64
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash % 2 == 0 ? Half::tuning : Half::test;
}

double observe(const SuiteProblem& problem, const Config& config, std::uint64_t seed,
               std::uint64_t index) {
  const double value = problem.truth(config);
  if (!problem.noisy()) return value;
  Rng rng(derive_seed(derive_seed(seed, 0x6e6f697365ULL), index)); // "noise"
  const double sd = problem.noise_sd + problem.noise_slope * (value - problem.optimum);
  return value + sd * std::normal_distribution<double>(0.0, 1.0)(rng.engine());
}

double evaluation_duration(std::uint64_t seed, std::uint64_t index) {
  Rng rng(derive_seed(derive_seed(seed, 0x74696d65ULL), index)); // "time"
  return std::lognormal_distribution<double>(0.0, 1.0)(rng.engine());
}

const std::vector<SuiteProblem>& suite_problems() {
  static const std::vector<SuiteProblem> problems = [] {
    std::vector<SuiteProblem> p;
    // Standard functions, 2-20 dimensions.
    p.push_back(standard("branin2", "branin", 2));
    p.push_back(standard("six_hump_camel2", "six_hump_camel", 2));
    p.push_back(standard("goldstein_price2", "goldstein_price", 2));
    p.push_back(standard("hartmann3", "hartmann3", 3));
    p.push_back(standard("hartmann6", "hartmann6", 6));
    p.push_back(standard("ackley5", "ackley", 5));
    p.push_back(standard("ackley10", "ackley", 10));
    p.push_back(standard("ackley20", "ackley", 20));
    p.push_back(standard("rastrigin4", "rastrigin", 4));
    p.push_back(standard("rastrigin10", "rastrigin", 10));
    p.push_back(standard("rosenbrock4", "rosenbrock", 4));
    p.push_back(standard("rosenbrock10", "rosenbrock", 10));
    p.push_back(standard("levy5", "levy", 5));
    p.push_back(standard("levy10", "levy", 10));
    p.push_back(standard("griewank8", "griewank", 8));
    p.push_back(standard("zakharov6", "zakharov", 6));
    p.push_back(standard("dixon_price5", "dixon_price", 5));
    // Shifted and rotated.
    p.push_back(rotated("rot_ackley6", "ackley", 6, 1));
    p.push_back(rotated("rot_rastrigin5", "rastrigin", 5, 2));
    p.push_back(rotated("rot_levy8", "levy", 8, 3));
    p.push_back(rotated("rot_rosenbrock5", "rosenbrock", 5, 4));
    p.push_back(rotated("rot_zakharov10", "zakharov", 10, 5));
    p.push_back(rotated("rot_griewank4", "griewank", 4, 6));
    // Noisy: homoscedastic, and heteroscedastic (sd grows with the regret).
    p.push_back(noisy("noisy_branin2", standard("", "branin", 2), 1.0, 0.0));
    p.push_back(noisy("noisy_hartmann6", standard("", "hartmann6", 6), 0.1, 0.0));
    p.push_back(noisy("hetero_rosenbrock4", standard("", "rosenbrock", 4), 0.1, 0.5));
    p.push_back(noisy("hetero_levy6", standard("", "levy", 6), 0.05, 0.3));
    // Integer, ordinal, categorical and mixed.
    p.push_back(integer("int_rastrigin6", "rastrigin", 6, 6, -5, 5));
    p.push_back(integer("int_levy8", "levy", 8, 8, -10, 10));
    p.push_back(integer("mixed_rosenbrock6", "rosenbrock", 6, 3, -5, 10));
    p.push_back(categorical_cell("cat_cell6x5", 6, 5, 7));
    p.push_back(ordinal_powers("ord_powers8", 8, 8));
    p.push_back(mixed_offsets("mixed7"));
    // Conditional spaces.
    p.push_back(conditional_autonet("cond_autonet"));
    p.push_back(conditional_branches("cond_branches"));
    // HPO-like synthetic problems, plain and noisy.
    p.push_back(hpo_mlp("hpo_mlp"));
    p.push_back(hpo_gbm("hpo_gbm"));
    p.push_back(noisy("hetero_hpo_mlp", hpo_mlp(""), 0.005, 0.1));
    p.push_back(noisy("noisy_hpo_gbm", hpo_gbm(""), 0.01, 0.0));
    return p;
  }();
  return problems;
}

const SuiteProblem* find_suite_problem(std::string_view name) {
  for (const auto& problem : suite_problems()) {
    if (problem.name == name) return &problem;
  }
  return nullptr;
}

} // namespace hpsearch::bench
