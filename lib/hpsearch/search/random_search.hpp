#pragma once
// RandomSearch: independent uniform draws from the space, seeded explicitly. The first
// `initial_points` proposals may come from a space-filling design instead (lhs, sobol);
// with the "random" design every proposal is a plain SearchSpace::sample().
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/strategy.hpp"
#include "hpsearch/space/sampling/sampler.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace hpsearch {

class RandomSearch final : public Strategy {
public:
  /// `initial_points` 0 means 2 * space.dimension() + 1. Throws hpsearch::Error on an
  /// unknown design name.
  RandomSearch(const SearchSpace& space, std::uint64_t seed,
               const std::string& initial_design = "random", std::int64_t initial_points = 0);

  std::optional<Config> ask() override;
  void tell(const Evaluation&) override {}
  std::string_view name() const override { return "random"; }
  std::string save_state() const override;
  void restore_state(const std::string& state) override;

private:
  SearchSpace space_; // a copy: a strategy never depends on its caller keeping the space alive
  Rng rng_;
  std::unique_ptr<Sampler> design_; // null for the "random" design
  std::uint64_t design_left_ = 0;   // proposals still to come from design_
};

} // namespace hpsearch
