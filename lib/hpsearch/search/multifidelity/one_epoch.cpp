#include "hpsearch/search/multifidelity/one_epoch.hpp"

#include <utility>

namespace hpsearch {

OneEpoch::OneEpoch(const MultiFidelityOptions& options, std::unique_ptr<Strategy> sampler,
                   Direction direction)
    : SynchronousScheduler(std::string(scheduler_kinds.name_of(SchedulerKind::one_epoch)),
                           std::vector<BracketPlan>{one_epoch_plan(options)}, std::move(sampler),
                           direction) {}

} // namespace hpsearch
