#pragma once
// Hyperband (`search.strategy: hyperband`): Hyperband (Li et al. 2018) with
// HpBandSter's budget schedule: synchronous successive halving brackets s = s_max .. 0
// (`brackets` limits them), repeated in that order until the manager's budget ends
// (bracket_plan.hpp, synchronous_scheduler.hpp).
#include "hpsearch/search/multifidelity/synchronous_scheduler.hpp"

namespace hpsearch {

class Hyperband final : public SynchronousScheduler {
public:
  /// Throws hpsearch::Error (bad_input) naming the search.* key when `options` is out of
  /// range (bracket_plan.hpp).
  Hyperband(const MultiFidelityOptions& options, std::unique_ptr<Strategy> sampler,
            Direction direction);
};

} // namespace hpsearch
