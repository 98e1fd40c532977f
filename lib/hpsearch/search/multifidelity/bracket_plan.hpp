#pragma once
// BracketPlan: the rungs of one synchronous bracket and how many trials each holds, as the
// synchronous schedulers (successive halving, Hyperband, "one epoch") run it.
//
// The rung ladder (multifidelity_options.hpp): rung k's fidelity is
// min_fidelity * reduction_factor^k while below max_fidelity, and the last rung is
// max_fidelity itself; s_max = rungs - 1. When max/min is a power of eta (1..27 with eta 3:
// 1, 3, 9, 27) bracket s's fidelities are HpBandSter's max * eta^-(s-i).
//
// Hyperband's brackets (Li et al. 2018, HpBandSter's budget schedule): for s = s_max .. 0,
// n = ceil((s_max + 1) / (s + 1) * eta^s) trials start at rung s_max - s and
// floor(n * eta^-i) of them reach the bracket's i-th rung; `brackets` (0: all) keeps the
// first ones of that list. Successive halving is the first bracket alone (s = s_max:
// eta^s_max trials). "One epoch" (Egele et al. 2023) is a two-rung bracket: N =
// max(eta^s_max, top_k) trials at min_fidelity, then the best top_k (0: max(1, N / eta))
// continued to max_fidelity.
#include "hpsearch/search/multifidelity/multifidelity_options.hpp"

#include <cstdint>
#include <vector>

namespace hpsearch {

struct BracketStage {
  double fidelity = 0.0;  ///< the fidelity a job of this stage trains to
  std::int32_t rung = 0;  ///< its index on the rung ladder
  std::int64_t count = 0; ///< trials planned in this stage (stage 0: trials started)

  bool operator==(const BracketStage&) const = default;
};

using BracketPlan = std::vector<BracketStage>;

/// The rung ladder's fidelities, lowest first. Throws hpsearch::Error (bad_input) naming
/// the search.* key when the options are out of range (min <= 0, max < min, eta <= 1,
/// brackets or top_k negative, brackets > s_max + 1).
std::vector<double> rung_fidelities(const MultiFidelityOptions& options);

/// Hyperband's brackets, s = s_max first, `options.brackets` of them (0: all).
std::vector<BracketPlan> hyperband_plans(const MultiFidelityOptions& options);
/// Successive halving's one bracket (Hyperband's s = s_max).
BracketPlan successive_halving_plan(const MultiFidelityOptions& options);
/// "One epoch": N trials at min_fidelity, the best top_k continued to max_fidelity.
BracketPlan one_epoch_plan(const MultiFidelityOptions& options);

} // namespace hpsearch
