#include "hpsearch/search/multifidelity/rung.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hpsearch {

void Rung::record(TrialId trial, double value, bool ok) {
  if (contains(trial)) return;
  entries_.push_back({trial, value, ok && std::isfinite(value), false});
}

void Rung::restore(const Entry& entry) {
  entries_.push_back(entry);
}

bool Rung::contains(TrialId trial) const {
  return std::ranges::any_of(entries_, [&](const Entry& e) { return e.trial == trial; });
}

void Rung::mark_promoted(TrialId trial) {
  for (Entry& e : entries_) {
    if (e.trial == trial) e.promoted = true;
  }
}

std::optional<TrialId> Rung::promotable(std::size_t quota, Direction direction) const {
  std::vector<std::size_t> order(entries_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Failed results last; among ok ones the better score first; ties by arrival.
  std::ranges::stable_sort(order, [&](std::size_t a, std::size_t b) {
    const Entry& x = entries_[a];
    const Entry& y = entries_[b];
    if (x.ok != y.ok) return x.ok;
    return x.ok && score(direction, x.value) > score(direction, y.value);
  });
  for (std::size_t i = 0; i < std::min(quota, order.size()); ++i) {
    const Entry& e = entries_[order[i]];
    if (e.ok && !e.promoted) return e.trial;
  }
  return std::nullopt;
}

std::optional<double> Rung::cutoff(double eta, Direction direction) const {
  std::vector<double> scores;
  for (const Entry& e : entries_) {
    if (e.ok) scores.push_back(score(direction, e.value));
  }
  if (scores.empty()) return std::nullopt;
  std::ranges::sort(scores);
  const double position = (1.0 - 1.0 / eta) * static_cast<double>(scores.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, scores.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return scores[below] + (scores[above] - scores[below]) * fraction;
}

std::size_t top_quota(std::size_t size, double eta, bool sampler_exhausted) {
  // The epsilon keeps 6 / 3 from flooring to 1 when the division rounds down.
  constexpr double epsilon = 1e-9;
  const double share = static_cast<double>(size) / eta;
  return static_cast<std::size_t>(sampler_exhausted ? std::ceil(share - epsilon)
                                                    : std::floor(share + epsilon));
}

} // namespace hpsearch
