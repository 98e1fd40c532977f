#pragma once
// AgeingPopulation: regularized evolution's population (Real et al. 2019). Members join in the
// order their results arrive; when it holds `capacity`, the oldest leaves as a new one joins
// (ageing, not the worst). A tournament draws `sample` distinct members uniformly and returns
// the best. Only results with a value join: a failed evaluation never becomes a parent.
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/rng.hpp"

#include <cstddef>
#include <deque>

namespace hpsearch {

struct Member {
  Config config;
  double loss; ///< minimised
};

class AgeingPopulation {
public:
  /// Throws hpsearch::Error (bad_input) unless 1 <= sample <= capacity.
  AgeingPopulation(std::size_t capacity, std::size_t sample);

  /// Adds a member; the oldest leaves when the population was full.
  void add(Member member);
  bool full() const { return members_.size() >= capacity_; }
  const std::deque<Member>& members() const { return members_; }

  /// The best of `sample` distinct members drawn uniformly (ties: the first drawn). Needs a
  /// non-empty population (draws min(sample, size) members).
  const Member& tournament(Rng& rng) const;

private:
  std::size_t capacity_;
  std::size_t sample_;
  std::deque<Member> members_;
};

} // namespace hpsearch
