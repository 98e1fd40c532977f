#pragma once
// MultiFidelityOptions: the multi-fidelity schedulers a problem file may name with
// `search.strategy` (successive halving, Hyperband, ASHA, asynchronous Hyperband, "one
// epoch") and their settings, as plain values with their defaults. The configurations of
// new trials come from a full-fidelity strategy, the *sampler* (`search.sampler`, any name
// of strategy_kinds; its own settings are the usual search keys).
//
// Fidelities are in the evaluator's step units (epochs for the built-in trainer). Rung k's
// fidelity is min_fidelity * reduction_factor^k, capped at max_fidelity (the last rung).
#include "hpsearch/core/config_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/registry.hpp"
#include "hpsearch/search/pbt/pbt_options.hpp"
#include "hpsearch/search/pbt/replay_options.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hpsearch {

enum class SchedulerKind {
  successive_halving,
  hyperband,
  asha,
  async_hyperband,
  one_epoch,
  pbt,
  pb2,
  replay
};

/// successive_halving: synchronous, one bracket after another (Jamieson & Talwalkar 2016);
/// hyperband: synchronous brackets as in Li et al. 2018 (HpBandSter's budget schedule);
/// asha: asynchronous successive halving (Li et al. 2020), `variant` promotion or stopping;
/// async_hyperband: ASHA over several brackets; one_epoch: every trial at min_fidelity,
/// then the best `top_k` trained to max_fidelity (Egele et al. 2023); pbt: population-based
/// training (search/pbt/pbt_scheduler.hpp), members trained to max_fidelity; it has no
/// rungs (min_fidelity and reduction_factor do not apply); pb2: PBT with PB2's explore
/// (Parker-Holder et al. 2020, search/pbt/pb2_explore.hpp), reals and integers only;
/// replay: a recorded pbt / pb2 member's schedule trained again (search/pbt/replay_options.hpp).
inline constexpr Registry scheduler_kinds{
    "multi-fidelity scheduler",
    std::array{Named{"successive_halving", SchedulerKind::successive_halving},
               Named{"hyperband", SchedulerKind::hyperband}, Named{"asha", SchedulerKind::asha},
               Named{"async_hyperband", SchedulerKind::async_hyperband},
               Named{"one_epoch", SchedulerKind::one_epoch}, Named{"pbt", SchedulerKind::pbt},
               Named{"pb2", SchedulerKind::pb2}, Named{"replay", SchedulerKind::replay}}};

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
  std::int64_t top_k = 0;    ///< one_epoch: trials finished; 0 = max(1, trials / eta)
  PbtOptions pbt = {};       ///< pbt, pb2
  ReplayOptions replay = {}; ///< replay

  bool operator==(const MultiFidelityOptions&) const = default;
};

/// At most this many rungs: more means a typo in the fidelities or the reduction factor.
inline constexpr std::size_t max_rungs = 64;

/// The rung fidelities of `options`, increasing: min_fidelity * reduction_factor^k while
/// below max_fidelity (by a relative 1e-9), then max_fidelity itself. Inline here, beside
/// the settings, so that config can count the rungs (search.brackets) before any rank starts.
///   min 1, max 27, eta 3 -> 1 3 9 27;   min 1, max 10, eta 3 -> 1 3 9 10;   min 5, max 5 -> 5
/// Throws hpsearch::Error (bad_input) naming the key when min_fidelity <= 0, max_fidelity <
/// min_fidelity, reduction_factor <= 1 (or one is not finite), or more than max_rungs.
inline std::vector<double> rung_fidelities(const MultiFidelityOptions& options) {
  const double low = options.min_fidelity;
  const double high = options.max_fidelity;
  const double eta = options.reduction_factor;
  const auto require = [](bool ok, const std::string& what) {
    if (!ok) throw Error::input("search." + what);
  };
  require(std::isfinite(low) && low > 0.0,
          "min_fidelity: expected a finite number > 0, got " + real_token(low));
  require(std::isfinite(high) && high >= low,
          "max_fidelity: expected a finite number >= min_fidelity (" + real_token(low) + "), got " +
              real_token(high));
  require(std::isfinite(eta) && eta > 1.0,
          "reduction_factor: expected a finite number > 1, got " + real_token(eta));
  std::vector<double> rungs;
  for (double f = low; f < high * (1.0 - 1e-9); f *= eta) {
    rungs.push_back(f);
    require(rungs.size() < max_rungs, "reduction_factor: " + real_token(eta) + " makes more than " +
                                          std::to_string(max_rungs) + " rungs from min_fidelity " +
                                          real_token(low) + " to max_fidelity " + real_token(high) +
                                          "; expected a larger factor");
  }
  rungs.push_back(high);
  return rungs;
}

} // namespace hpsearch
