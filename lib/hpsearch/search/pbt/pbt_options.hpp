#pragma once
// PbtOptions: population-based training (`search.strategy: pbt`, Jaderberg et al. 2017) and
// its settings, as plain values with their defaults. A population of `population` members
// trains to the scheduler's max_fidelity (multifidelity_options.hpp) in segments of `ready`
// fidelity units; at the end of each segment (a *ready point*) a weak member copies the
// saved state and hyperparameters of a strong one (exploit) and perturbs the
// hyperparameters (explore). The first configurations come from the sampler
// (`search.sampler`, random by default).
#include "hpsearch/core/registry.hpp"

#include <array>
#include <cstdint>

namespace hpsearch {

enum class PbtExploit { truncation, tournament, none };

/// truncation: a member in the bottom `quantile` of the population copies a random member
/// of the top `quantile` (capped at half the population); tournament: a member copies
/// another member drawn at random when that one is strictly better (binary tournament);
/// none: no member ever copies another (the paper's explore-only ablation, or with
/// `explore: false` plain random search at the same compute).
inline constexpr Registry pbt_exploits{"PBT exploit",
                                       std::array{Named{"truncation", PbtExploit::truncation},
                                                  Named{"tournament", PbtExploit::tournament},
                                                  Named{"none", PbtExploit::none}}};

struct PbtOptions {
  std::int64_t population = 8; ///< members trained at once; >= 2
  double ready = 1.0;          ///< fidelity units between ready points; > 0
  PbtExploit exploit = PbtExploit::truncation;
  double quantile = 0.25;             ///< truncation: the bottom / top fraction; (0, 0.5]
  double resample_probability = 0.25; ///< explore: per parameter, redraw from the prior
  /// true: a member that copies another explores the copied hyperparameters (and, with
  /// exploit none, every member explores its own at each ready point); false: copies keep
  /// the donor's hyperparameters unchanged (the exploit-only ablation).
  bool explore = true;
  bool synchronous = false; ///< true: every member waits at each ready point for all others

  bool operator==(const PbtOptions&) const = default;
};

} // namespace hpsearch
