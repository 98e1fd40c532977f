#pragma once
// OneEpoch (`search.strategy: one_epoch`): the "one epoch is all you need"
// baseline (Egele et al. 2023). Phase 1 ends after N = max(eta^s_max, top_k) trials trained
// to min_fidelity (27 for 1..27 with eta 3); phase 2 continues the best top_k of them (0:
// max(1, N / eta)) from their saved state to max_fidelity. Then the next round, the same,
// until the manager's budget ends; the next round's phase 1 starts on workers phase 2 leaves
// free (bracket_plan.hpp, synchronous_scheduler.hpp).
#include "hpsearch/search/multifidelity/synchronous_scheduler.hpp"

namespace hpsearch {

class OneEpoch final : public SynchronousScheduler {
public:
  /// Throws hpsearch::Error (bad_input) naming the search.* key when `options` is out of
  /// range (bracket_plan.hpp).
  OneEpoch(const MultiFidelityOptions& options, std::unique_ptr<Strategy> sampler,
           Direction direction);
};

} // namespace hpsearch
