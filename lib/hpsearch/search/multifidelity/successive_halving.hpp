#pragma once
// SuccessiveHalving (`search.strategy: successive_halving`): synchronous successive halving
// (Jamieson & Talwalkar 2016): eta^s_max trials at min_fidelity, the best 1/eta of each
// complete rung continued to the next from their saved state, up to max_fidelity; then the
// next bracket, the same, until the manager's budget ends (bracket_plan.hpp,
// synchronous_scheduler.hpp).
#include "hpsearch/search/multifidelity/synchronous_scheduler.hpp"

namespace hpsearch {

class SuccessiveHalving final : public SynchronousScheduler {
public:
  /// Throws hpsearch::Error (bad_input) naming the search.* key when `options` is out of
  /// range (bracket_plan.hpp).
  SuccessiveHalving(const MultiFidelityOptions& options, std::unique_ptr<Strategy> sampler,
                    Direction direction);
};

} // namespace hpsearch
