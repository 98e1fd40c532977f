#pragma once
// MultiFidelityOptions: the multi-fidelity schedulers a problem file may name with
// `search.strategy` (successive halving, Hyperband, ASHA, asynchronous Hyperband, "one
// epoch") and their settings, as plain values with their defaults. The configurations of
// new trials come from a full-fidelity strategy, the *sampler* (`search.sampler`, any name
// of strategy_kinds; its own settings are the usual search keys).
//
// Fidelities are in the evaluator's step units (epochs for the built-in trainer). Rung k's
// fidelity is min_fidelity * reduction_factor^k, capped at max_fidelity (the last rung).
#include "hpsearch/core/registry.hpp"

#include <array>
#include <cstdint>

namespace hpsearch {

enum class SchedulerKind { successive_halving, hyperband, asha, async_hyperband, one_epoch };

/// successive_halving: synchronous, one bracket after another (Jamieson & Talwalkar 2016);
/// hyperband: synchronous brackets as in Li et al. 2018 (HpBandSter's budget schedule);
/// asha: asynchronous successive halving (Li et al. 2020), `variant` promotion or stopping;
/// async_hyperband: ASHA over several brackets; one_epoch: every trial at min_fidelity,
/// then the best `top_k` trained to max_fidelity (Egele et al. 2023).
inline constexpr Registry scheduler_kinds{
    "multi-fidelity scheduler",
    std::array{Named{"successive_halving", SchedulerKind::successive_halving},
               Named{"hyperband", SchedulerKind::hyperband}, Named{"asha", SchedulerKind::asha},
               Named{"async_hyperband", SchedulerKind::async_hyperband},
               Named{"one_epoch", SchedulerKind::one_epoch}}};

enum class AshaVariant { promotion, stopping };

/// promotion: a trial pauses at each rung and is later continued (promoted) from its saved
/// state when it is in the top 1/reduction_factor of its rung (Li et al. 2020, Algorithm 2);
/// stopping: a trial runs on and is stopped at a rung when it is not in the top
/// 1/reduction_factor there (Ray Tune's ASHAScheduler).
inline constexpr Registry asha_variants{"ASHA variant",
                                        std::array{Named{"promotion", AshaVariant::promotion},
                                                   Named{"stopping", AshaVariant::stopping}}};

struct MultiFidelityOptions {
  SchedulerKind kind = SchedulerKind::asha;
  double min_fidelity = 1.0;                    ///< the lowest rung's fidelity; > 0
  double max_fidelity = 27.0;                   ///< the last rung's fidelity; >= min_fidelity
  double reduction_factor = 3.0;                ///< eta; > 1
  std::int64_t brackets = 0;                    ///< hyperband, async_hyperband: 0 = all (s_max + 1)
  AshaVariant variant = AshaVariant::promotion; ///< asha, async_hyperband
  std::int64_t top_k = 0; ///< one_epoch: trials finished; 0 = max(1, trials / eta)

  bool operator==(const MultiFidelityOptions&) const = default;
};

} // namespace hpsearch
