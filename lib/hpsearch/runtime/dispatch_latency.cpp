#include "hpsearch/runtime/dispatch_latency.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hpsearch {

void DispatchLatency::sent(int rank, double now) {
  const auto it = waiting_since_.find(rank);
  if (it == waiting_since_.end()) return;
  samples_.push_back(std::max(0.0, now - it->second));
  waiting_since_.erase(it);
}

double DispatchLatency::quantile(double q) const {
  if (samples_.empty()) return 0.0;
  std::vector<double> sorted = samples_;
  std::sort(sorted.begin(), sorted.end());
  const double rank = std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size()));
  const auto i = static_cast<std::size_t>(std::max(rank, 1.0)) - 1;
  return sorted[std::min(i, sorted.size() - 1)];
}

std::string DispatchLatency::summary() const {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer,
                "dispatch latency: median %.3f ms, p99 %.3f ms, max %.3f ms over %zu jobs",
                quantile(0.5) * 1e3, quantile(0.99) * 1e3, quantile(1.0) * 1e3, samples_.size());
  return buffer;
}

} // namespace hpsearch
