#include "hpsearch/search/random_search.hpp"

#include "hpsearch/core/error.hpp"

#include <iterator>
#include <sstream>

namespace hpsearch {

namespace {

constexpr std::uint64_t kDesignStream = 1; // derive_seed stream of the initial design

} // namespace

RandomSearch::RandomSearch(const SearchSpace& space, std::uint64_t seed,
                           const std::string& initial_design, std::int64_t initial_points)
    : space_(space), rng_(seed) {
  if (initial_points < 0) {
    throw Error::input("search.initial_points must not be negative, got " +
                       std::to_string(initial_points));
  }
  const std::uint64_t n =
      initial_points > 0 ? static_cast<std::uint64_t>(initial_points) : 2 * space_.dimension() + 1;
  // Checked by make_sampler() even for "random", so a typo is never silently ignored.
  auto design =
      make_sampler(initial_design, space_.dimension(), n, derive_seed(seed, kDesignStream));
  if (initial_design != "random") {
    design_ = std::move(design);
    design_left_ = n;
  }
}

std::optional<Config> RandomSearch::ask() {
  if (design_ && design_left_ > 0) {
    --design_left_;
    return next_config(space_, *design_);
  }
  return space_.sample(rng_);
}

std::string RandomSearch::save_state() const {
  std::string out = "random-search " + std::to_string(design_left_) + "\n" + rng_.state();
  if (design_) out += "\n" + design_->save_state();
  return out;
}

void RandomSearch::restore_state(const std::string& state) {
  std::istringstream in(state);
  std::string tag;
  std::uint64_t left = 0;
  std::string rng_state;
  in >> tag >> left;
  std::getline(in >> std::ws, rng_state);
  if (!in || tag != "random-search") throw Error::input("random search state is corrupt");
  std::string design_state((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (design_state.empty() != (design_ == nullptr)) {
    throw Error::input("random search state was saved with another initial design");
  }
  rng_.set_state(rng_state);
  if (design_) design_->restore_state(design_state);
  design_left_ = left;
}

} // namespace hpsearch
