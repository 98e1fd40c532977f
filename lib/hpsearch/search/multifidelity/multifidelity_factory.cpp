#include "hpsearch/search/multifidelity/multifidelity_factory.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/search/multifidelity/asha.hpp"
#include "hpsearch/search/multifidelity/hyperband.hpp"
#include "hpsearch/search/multifidelity/one_epoch.hpp"
#include "hpsearch/search/multifidelity/successive_halving.hpp"

#include <string>

namespace hpsearch {

namespace {

/// A Strategy that forwards to one its caller owns.
class BorrowedStrategy final : public Strategy {
public:
  explicit BorrowedStrategy(Strategy& owner) : owner_(owner) {}
  std::optional<Config> ask() override { return owner_.ask(); }
  void tell(const Evaluation& evaluation) override { owner_.tell(evaluation); }
  std::string_view name() const override { return owner_.name(); }
  std::string save_state() const override { return owner_.save_state(); }
  void restore_state(const std::string& state) override { owner_.restore_state(state); }

private:
  Strategy& owner_;
};

} // namespace

std::unique_ptr<Scheduler> make_multifidelity_scheduler(const MultiFidelityOptions& options,
                                                        std::unique_ptr<Strategy> sampler,
                                                        Direction direction, std::uint64_t seed) {
  switch (options.kind) {
  case SchedulerKind::asha:
  case SchedulerKind::async_hyperband:
    return std::make_unique<AshaScheduler>(options, std::move(sampler), direction, seed);
  case SchedulerKind::successive_halving:
    return std::make_unique<SuccessiveHalving>(options, std::move(sampler), direction);
  case SchedulerKind::hyperband:
    return std::make_unique<Hyperband>(options, std::move(sampler), direction);
  case SchedulerKind::one_epoch:
    return std::make_unique<OneEpoch>(options, std::move(sampler), direction);
  case SchedulerKind::pbt:
  case SchedulerKind::pb2:
  case SchedulerKind::replay:
    break; // needs the search space: make_scheduler (search/lifecycle) builds it
  }
  throw Error::internal("search.strategy: unknown multi-fidelity scheduler kind " +
                        std::to_string(static_cast<int>(options.kind)));
}

std::unique_ptr<Scheduler> make_multifidelity_scheduler(const MultiFidelityOptions& options,
                                                        Strategy& sampler, Direction direction,
                                                        std::uint64_t seed) {
  return make_multifidelity_scheduler(options, std::make_unique<BorrowedStrategy>(sampler),
                                      direction, seed);
}

} // namespace hpsearch
