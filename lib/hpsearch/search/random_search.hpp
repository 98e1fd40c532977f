#pragma once
// RandomSearch: independent uniform draws from the space, seeded explicitly. The first
// `initial_points` proposals may come from a space-filling design instead (lhs, sobol);
// with the "random" design every proposal is a plain SearchSpace::sample().
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/strategy.hpp"
#include "hpsearch/space/sampling/sampler.hpp"
#include "hpsearch/space/sampling/sampler_options.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace hpsearch {

class RandomSearch final : public Strategy {
public:
  /// The first `initial.points` proposals (0: 2 * space.dimension() + 1) come from the
  /// initial design. Throws hpsearch::Error on a negative count.
  RandomSearch(const SearchSpace& space, std::uint64_t seed, const InitialDesign& initial = {});

  std::optional<Config> ask() override;
  void tell(const Evaluation&) override {}
  std::string_view name() const override { return strategy_kinds.name_of(StrategyKind::random); }
  std::string save_state() const override;
  void restore_state(const std::string& state) override;

private:
  SearchSpace space_; // a copy: a strategy never depends on its caller keeping the space alive
  Rng rng_;
  std::unique_ptr<Sampler> design_; // null for the "random" design
  std::uint64_t design_left_ = 0;   // proposals still to come from design_
};

} // namespace hpsearch
