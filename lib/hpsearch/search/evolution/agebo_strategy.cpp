#include "hpsearch/search/evolution/agebo_strategy.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/search/ambs/ambs_strategy.hpp"
#include "hpsearch/search/evolution/evolution_strategy.hpp"
#include "hpsearch/space/space_split.hpp"

#include <sstream>

namespace hpsearch {

namespace {

constexpr std::string_view kTag = "agebo";

/// Also the name in messages: "strategy agebo needs parameters named 'arch.*', ...".
constexpr std::string_view kWhat = "strategy agebo";

std::size_t count(std::int64_t n) {
  return n < 0 ? std::size_t{0} : static_cast<std::size_t>(n);
}

} // namespace

AgeboStrategy::AgeboStrategy(const SearchSpace& space, const StrategyOptions& options,
                             const StrategyContext& context)
    : space_(space), direction_(context.direction), rng_(context.seed),
      population_(count(options.evolution.population), count(options.evolution.sample)) {
  SpaceSplit split = split_space_in_two(space_, kArchitecturePrefix, kWhat);
  architecture_ = std::move(split.matching);
  hyperparameters_ = std::move(split.rest);
  AmbsOptions ambs = options.ambs;
  ambs.fidelities = context.fidelities;
  ambs_ = std::make_unique<AmbsStrategy>(hyperparameters_, ambs, options.initial, direction_,
                                         derive_seed(context.seed, 1), context.workers);
}

std::optional<Config> AgeboStrategy::ask() {
  const Config architecture = evolve(architecture_, population_, rng_);
  std::optional<Config> hyperparameters = ambs_->ask();
  // AMBS hands a configuration out once; in a small discrete space it may run out.
  if (!hyperparameters) hyperparameters = hyperparameters_.sample(rng_);
  return join_configs(space_, architecture, *hyperparameters);
}

void AgeboStrategy::tell(const Evaluation& evaluation) {
  Evaluation hyperparameters = evaluation;
  hyperparameters.config = config_part(evaluation.config, kArchitecturePrefix, false);
  ambs_->tell(hyperparameters);
  if (const std::optional<double> loss = evolution_loss(evaluation, direction_)) {
    population_.add({config_part(evaluation.config, kArchitecturePrefix, true), *loss});
  }
}

std::string AgeboStrategy::save_state() const {
  return save_rng_state(kTag, rng_) + ambs_->save_state();
}

void AgeboStrategy::restore_state(const std::string& state) {
  std::string ambs_state;
  Rng rng(0);
  restore_rng_state(kTag, state, rng, &ambs_state);
  ambs_->restore_state(ambs_state);
  rng_ = rng;
}

} // namespace hpsearch
