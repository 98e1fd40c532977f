#include "hpsearch/search/evolution/population.hpp"

#include "hpsearch/core/error.hpp"

#include <numeric>
#include <string>
#include <utility>
#include <vector>

namespace hpsearch {

AgeingPopulation::AgeingPopulation(std::size_t capacity, std::size_t sample)
    : capacity_(capacity), sample_(sample) {
  if (capacity_ < 1) throw Error::input("search.evolution.population: expected an integer >= 1");
  if (sample_ < 1 || sample_ > capacity_) {
    throw Error::input("search.evolution.sample: expected an integer from 1 to the population (" +
                       std::to_string(capacity_) + "), got " + std::to_string(sample_));
  }
}

void AgeingPopulation::add(Member member) {
  members_.push_back(std::move(member));
  while (members_.size() > capacity_) members_.pop_front();
}

const Member& AgeingPopulation::tournament(Rng& rng) const {
  if (members_.empty()) throw Error::internal("evolution: a tournament in an empty population");
  // A partial Fisher-Yates shuffle: the first `n` of `order` are the sample.
  std::vector<std::size_t> order(members_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const std::size_t n = std::min(sample_, order.size());
  std::size_t best = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const auto pick = static_cast<std::size_t>(
        rng.integer(static_cast<std::int64_t>(k), static_cast<std::int64_t>(order.size() - 1)));
    std::swap(order[k], order[pick]);
    if (k == 0 || members_[order[k]].loss < members_[best].loss) best = order[k];
  }
  return members_[best];
}

} // namespace hpsearch
