#include "hpsearch/search/lifecycle/scheduler_factory.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/search/lifecycle/full_fidelity_scheduler.hpp"
#include "hpsearch/search/pruner/pruner_factory.hpp"

#include <string>

namespace hpsearch {

namespace {

std::unique_ptr<Scheduler> make_multifidelity(const SchedulerSpec& spec) {
  // The multi-fidelity schedulers (search/multifidelity) are hooked in here, one case each.
  switch (spec.multifidelity->kind) {
  case SchedulerKind::successive_halving:
  case SchedulerKind::hyperband:
  case SchedulerKind::asha:
  case SchedulerKind::async_hyperband:
  case SchedulerKind::one_epoch:
    break;
  }
  throw Error::input("the multi-fidelity scheduler '" +
                     std::string(scheduler_kinds.name_of(spec.multifidelity->kind)) +
                     "' is not available in this build");
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
