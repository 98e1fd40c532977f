#include "hpsearch/search/multifidelity/successive_halving.hpp"

#include <utility>

namespace hpsearch {

SuccessiveHalving::SuccessiveHalving(const MultiFidelityOptions& options,
                                     std::unique_ptr<Strategy> sampler, Direction direction)
    : SynchronousScheduler(std::string(scheduler_kinds.name_of(SchedulerKind::successive_halving)),
                           std::vector<BracketPlan>{successive_halving_plan(options)},
                           std::move(sampler), direction) {}

} // namespace hpsearch
