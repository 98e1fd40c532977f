#include "hpsearch/search/evolution/evolution_strategy.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/search/evolution/mutation.hpp"

#include <cmath>
#include <sstream>

namespace hpsearch {

namespace {

AgeingPopulation make_population(const EvolutionOptions& options) {
  const auto count = [](std::int64_t n) { return n < 0 ? std::size_t{0} : std::size_t(n); };
  return AgeingPopulation(count(options.population), count(options.sample));
}

} // namespace

std::optional<double> evolution_loss(const Evaluation& evaluation, Direction direction) {
  if (evaluation.status != Status::ok || !std::isfinite(evaluation.objective)) return std::nullopt;
  return direction == Direction::minimize ? evaluation.objective : -evaluation.objective;
}

Config evolve(const SearchSpace& space, const AgeingPopulation& population, Rng& rng) {
  if (!population.full()) return space.sample(rng);
  const Member& parent = population.tournament(rng);
  if (std::optional<Config> child = mutate(space, parent.config, rng)) return *child;
  return space.sample(rng);
}

std::string save_rng_state(std::string_view tag, const Rng& rng) {
  return std::string(tag) + " 1\n" + rng.state() + "\n";
}

void restore_rng_state(std::string_view tag, const std::string& state, Rng& rng,
                       std::string* rest) {
  std::istringstream in(state);
  std::string got;
  int version = 0;
  std::string rng_state;
  in >> got >> version;
  std::getline(in >> std::ws, rng_state);
  if (!in || got != tag || version != 1 || rng_state.empty()) {
    throw Error::input(std::string(tag) + " state is corrupt");
  }
  Rng restored(0); // the caller's stream stays as it was when the state is corrupt
  restored.set_state(rng_state);
  rng = restored;
  if (rest != nullptr) {
    const auto at = in.tellg();
    *rest = at < 0 ? std::string() : state.substr(static_cast<std::size_t>(at));
  }
}

EvolutionStrategy::EvolutionStrategy(const SearchSpace& space, EvolutionOptions options,
                                     Direction direction, std::uint64_t seed)
    : space_(space), direction_(direction), rng_(seed), population_(make_population(options)) {}

std::optional<Config> EvolutionStrategy::ask() {
  return evolve(space_, population_, rng_);
}

void EvolutionStrategy::tell(const Evaluation& evaluation) {
  if (const std::optional<double> loss = evolution_loss(evaluation, direction_)) {
    population_.add({evaluation.config, *loss});
  }
}

std::string EvolutionStrategy::save_state() const {
  return save_rng_state("evolution", rng_);
}

void EvolutionStrategy::restore_state(const std::string& state) {
  restore_rng_state("evolution", state, rng_);
}

} // namespace hpsearch
