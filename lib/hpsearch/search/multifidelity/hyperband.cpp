#include "hpsearch/search/multifidelity/hyperband.hpp"

#include <utility>

namespace hpsearch {

Hyperband::Hyperband(const MultiFidelityOptions& options, std::unique_ptr<Strategy> sampler,
                     Direction direction)
    : SynchronousScheduler(std::string(scheduler_kinds.name_of(SchedulerKind::hyperband)),
                           hyperband_plans(options), std::move(sampler), direction) {}

} // namespace hpsearch
