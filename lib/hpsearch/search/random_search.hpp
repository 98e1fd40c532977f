#pragma once
// RandomSearch: independent uniform draws from the space, seeded explicitly.
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/strategy.hpp"

namespace hpsearch {

class RandomSearch final : public Strategy {
public:
  RandomSearch(const SearchSpace& space, std::uint64_t seed) : space_(space), rng_(seed) {}

  std::optional<Config> ask() override { return space_.sample(rng_); }
  void tell(const Evaluation&) override {}
  std::string_view name() const override { return "random"; }
  std::string save_state() const override { return rng_.state(); }
  void restore_state(const std::string& state) override { rng_.set_state(state); }

private:
  SearchSpace space_; // a copy: a strategy never depends on its caller keeping the space alive
  Rng rng_;
};

} // namespace hpsearch
