#include "hpsearch/search/multifidelity/rung.hpp"

#include <algorithm>
#include <cmath>

namespace hpsearch {

double Rung::score_of(std::size_t entry) const {
  return score(direction_, entries_[entry].value);
}

void Rung::record(TrialId trial, double value, bool ok) {
  if (contains(trial)) return;
  restore({trial, value, ok && std::isfinite(value), false});
}

void Rung::restore(const Entry& entry) {
  const std::size_t index = entries_.size();
  entries_.push_back(entry);
  position_[entry.trial] = index;
  if (!entry.ok) return;
  // After every entry at least as good: ties rank by arrival, the newest last.
  const double s = score_of(index);
  const auto at = std::ranges::upper_bound(ranked_, s, std::greater<>{},
                                           [&](std::size_t e) { return score_of(e); });
  ranked_.insert(at, index);
}

void Rung::mark_promoted(TrialId trial) {
  const auto it = position_.find(trial);
  if (it != position_.end()) entries_[it->second].promoted = true;
}

std::optional<TrialId> Rung::promotable(std::size_t quota) const {
  // Failed results rank after every ok one, and are never promoted.
  for (std::size_t i = 0; i < std::min(quota, ranked_.size()); ++i) {
    const Entry& e = entries_[ranked_[i]];
    if (!e.promoted) return e.trial;
  }
  return std::nullopt;
}

std::optional<double> Rung::cutoff(double eta) const {
  if (ranked_.empty()) return std::nullopt;
  // numpy's linear interpolation over the scores in increasing order (ranked_ reversed).
  const std::size_t n = ranked_.size();
  const auto ascending = [&](std::size_t j) { return score_of(ranked_[n - 1 - j]); };
  const double position = (1.0 - 1.0 / eta) * static_cast<double>(n - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, n - 1);
  const double fraction = position - static_cast<double>(below);
  return ascending(below) + (ascending(above) - ascending(below)) * fraction;
}

std::size_t top_quota(std::size_t size, double eta, bool sampler_exhausted) {
  // The epsilon keeps 6 / 3 from flooring to 1 when the division rounds down.
  constexpr double epsilon = 1e-9;
  const double share = static_cast<double>(size) / eta;
  return static_cast<std::size_t>(sampler_exhausted ? std::ceil(share - epsilon)
                                                    : std::floor(share + epsilon));
}

} // namespace hpsearch
