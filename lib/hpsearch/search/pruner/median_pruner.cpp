#include "hpsearch/search/pruner/median_pruner.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hpsearch {

MedianPruner::MedianPruner(MedianPrunerOptions options) : options_(options) {
  if (options_.min_jobs < 1) {
    throw Error::input("the median stopping rule needs min_jobs >= 1 (got " +
                       std::to_string(options_.min_jobs) + ")");
  }
}

PruneDecision MedianPruner::report(JobId job, double step, double value) {
  if (!std::isfinite(value) || !std::isfinite(step)) return PruneDecision::proceed;
  auto [it, inserted] = best_.try_emplace(job, value);
  if (!inserted && is_better(options_.direction, value, it->second)) it->second = value;
  const double best = it->second;
  by_step_[step][job] = best;
  if (step < options_.warmup) return PruneDecision::proceed;
  const double median = median_of_others(job, step);
  if (std::isnan(median)) return PruneDecision::proceed;
  return is_better(options_.direction, median, best) ? PruneDecision::stop : PruneDecision::proceed;
}

void MedianPruner::job_ended(JobId job, Status /*status*/) {
  best_.erase(job); // its entries in by_step_ stay: they judge the jobs to come
}

double MedianPruner::median_of_others(JobId job, double step) const {
  const auto it = by_step_.find(step);
  if (it == by_step_.end()) return std::numeric_limits<double>::quiet_NaN();
  scratch_.clear();
  for (const auto& [other, value] : it->second) {
    if (other != job) scratch_.push_back(value);
  }
  if (static_cast<std::int64_t>(scratch_.size()) < options_.min_jobs) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  const auto mid = scratch_.begin() + static_cast<std::ptrdiff_t>(scratch_.size() / 2);
  std::nth_element(scratch_.begin(), mid, scratch_.end());
  if (scratch_.size() % 2 == 1) return *mid;
  const double upper = *mid;
  const double lower = *std::max_element(scratch_.begin(), mid);
  return lower + (upper - lower) / 2.0;
}

} // namespace hpsearch
