#include "hpsearch/search/lifecycle/scheduler_factory.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/search/lifecycle/full_fidelity_scheduler.hpp"
#include "hpsearch/search/multifidelity/multifidelity_factory.hpp"
#include "hpsearch/search/pbt/pbt_scheduler.hpp"
#include "hpsearch/search/pruner/pruner_factory.hpp"

#include <string>

namespace hpsearch {

namespace {

std::unique_ptr<Scheduler> make_multifidelity(const SchedulerSpec& spec) {
  const SchedulerKind kind = spec.multifidelity->kind;
  if (kind == SchedulerKind::replay) return std::make_unique<ReplayScheduler>(spec.replay);
  if (kind == SchedulerKind::pbt || kind == SchedulerKind::pb2) {
    if (spec.space == nullptr) throw Error::internal("make_scheduler: pbt needs the search space");
    return std::make_unique<PbtScheduler>(*spec.multifidelity, *spec.space, spec.strategy,
                                          spec.direction, spec.seed);
  }
  // The multi-fidelity schedulers (search/multifidelity) drive the strategy as their sampler.
  return make_multifidelity_scheduler(*spec.multifidelity, spec.strategy, spec.direction,
                                      spec.seed);
}

} // namespace

std::unique_ptr<Scheduler> make_scheduler(const SchedulerSpec& spec) {
  if (spec.multifidelity) return make_multifidelity(spec);
  std::unique_ptr<Pruner> pruner = make_pruner(spec.pruner, spec.direction);
  if (pruner) pruner->resume(spec.curves);
  return std::make_unique<FullFidelityScheduler>(spec.strategy, std::move(pruner),
                                                 spec.first_trial);
}

} // namespace hpsearch
