#pragma once
// The benchmark suite of bench/quality (issue 17): one registry of problems, each a search
// space, a noiseless objective with a known minimum, and an optional noise model.
//
// Families (names say which): standard functions of eval/test_functions in 2-20
// dimensions ("ackley10"); shifted and rotated variants ("rot_levy8": the optimum moved to
// a point c drawn in the middle 60 % of the domain and the axes turned by a random
// rotation R, f(x) = g(x* + R (x - c)), both fixed by a seed); noisy variants ("noisy_":
// homoscedastic Gaussian noise, "hetero_": noise whose standard deviation grows with the
// regret); integer, ordinal and categorical problems ("int_", "ord_", "cat_", "mixed");
// conditional spaces ("cond_": parameters active only under some choices); HPO-like
// synthetic problems ("hpo_": log-scaled learning rates and sizes, categorical offsets,
// interactions). Regret is always measured on the noiseless objective.
//
// THE SPLIT (fixed, published; issue 17): a problem is in the TUNING half when the 64-bit
// FNV-1a hash of its name is even, in the TEST half when it is odd. Defaults are chosen on
// the tuning half only and reported on the test half. The rule depends on the name alone,
// so adding a problem never moves another.
#include "hpsearch/core/config.hpp"
#include "hpsearch/space/search_space.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch::bench {

enum class Half { tuning, test };

/// "tuning" or "test".
std::string_view to_string(Half half);
/// The published rule: FNV-1a 64 of the name, even -> tuning, odd -> test.
Half half_of(std::string_view name);

struct SuiteProblem {
  std::string name;
  SearchSpace space;
  /// The noiseless objective (minimised), defined on every configuration of `space`.
  std::function<double(const Config&)> truth;
  double optimum = 0.0; ///< the known minimum of `truth` over `space`
  Config optimum_at;    ///< a configuration of `space` where truth == optimum (to ~1e-5)
  /// Observation noise: standard deviation noise_sd + noise_slope * (truth - optimum).
  double noise_sd = 0.0;
  double noise_slope = 0.0;

  Half half() const { return half_of(name); }
  bool noisy() const { return noise_sd > 0.0 || noise_slope > 0.0; }
};

/// All problems, in a fixed order (families as listed above).
const std::vector<SuiteProblem>& suite_problems();
/// The problem called `name`, or nullptr.
const SuiteProblem* find_suite_problem(std::string_view name);

/// The value a search sees for `config` in run `seed` as its `index`-th evaluation
/// (0-based, in submission order): truth plus Gaussian noise drawn from a stream fixed by
/// (seed, index), so every tool sees the same noise for the same evaluation.
double observe(const SuiteProblem& problem, const Config& config, std::uint64_t seed,
               std::uint64_t index);

/// The virtual duration of evaluation `index` of run `seed` in the asynchronous mode:
/// lognormal(0, 1), from a stream fixed by (seed, index), shared by every tool.
double evaluation_duration(std::uint64_t seed, std::uint64_t index);

} // namespace hpsearch::bench
