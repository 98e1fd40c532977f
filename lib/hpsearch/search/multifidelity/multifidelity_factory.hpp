#pragma once
// make_multifidelity_scheduler: the multi-fidelity scheduler `options.kind` names, driving
// `sampler` (a full-fidelity Strategy that proposes new trials and is told every result).
// The search's make_scheduler (search/lifecycle) calls it for a multi-fidelity search.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/search/lifecycle/scheduler.hpp"
#include "hpsearch/search/multifidelity/multifidelity_options.hpp"
#include "hpsearch/search/strategy.hpp"

#include <cstdint>
#include <memory>

namespace hpsearch {

/// Throws hpsearch::Error (bad_input) on settings the scheduler cannot run with, and for a
/// kind not built in this version. `seed` drives the scheduler's own draws (the bracket of
/// a new trial in async_hyperband).
std::unique_ptr<Scheduler> make_multifidelity_scheduler(const MultiFidelityOptions& options,
                                                        std::unique_ptr<Strategy> sampler,
                                                        Direction direction, std::uint64_t seed);

/// The same for a sampler the caller owns and keeps alive as long as the scheduler.
std::unique_ptr<Scheduler> make_multifidelity_scheduler(const MultiFidelityOptions& options,
                                                        Strategy& sampler, Direction direction,
                                                        std::uint64_t seed);

} // namespace hpsearch
