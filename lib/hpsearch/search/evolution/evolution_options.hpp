#pragma once
// EvolutionOptions: the knobs of regularized (ageing) evolution (`search.strategy: evolution`
// and the evolution half of `agebo`, keys under `search.evolution`), with Real et al. (2019)'s
// and DeepHyper's defaults. Plain values only: config parses into it, the strategies read it.
#include <cstdint>
#include <string_view>

namespace hpsearch {

struct EvolutionOptions {
  /// Results kept (the youngest successful ones); until this many are in, proposals are
  /// random samples.
  std::int64_t population = 100;
  /// Members drawn (without replacement) per tournament; the best is the parent.
  std::int64_t sample = 10;

  bool operator==(const EvolutionOptions&) const = default;
};

/// AgEBO's convention with the architecture spaces (issue 18): the parameters whose name
/// starts with this are the architecture genes; every other parameter is a hyperparameter.
inline constexpr std::string_view kArchitecturePrefix = "arch.";

} // namespace hpsearch
