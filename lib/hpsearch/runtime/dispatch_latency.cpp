#include "hpsearch/runtime/dispatch_latency.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hpsearch {

namespace {

double nearest_rank(std::vector<double> sorted, double q) {
  if (sorted.empty()) return 0.0;
  std::sort(sorted.begin(), sorted.end());
  const double rank = std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(sorted.size()));
  const auto i = static_cast<std::size_t>(std::max(rank, 1.0)) - 1;
  return sorted[std::min(i, sorted.size() - 1)];
}

} // namespace

void DispatchLatency::sent(int rank, double now, ThreadClock::Reading clock) {
  const auto it = waiting_since_.find(rank);
  if (it == waiting_since_.end()) return;
  const Stamp& since = it->second;
  const double wall = std::max(0.0, now - since.wall);
  const double waited_for_cpu = std::max(0.0, clock.runqueue - since.clock.runqueue);
  wall_.push_back(wall);
  own_.push_back(std::max(0.0, wall - waited_for_cpu));
  cpu_.push_back(std::max(0.0, clock.cpu - since.clock.cpu));
  waiting_since_.erase(it);
}

double DispatchLatency::quantile(double q) const {
  return nearest_rank(wall_, q);
}

double DispatchLatency::own_quantile(double q) const {
  return nearest_rank(own_, q);
}

double DispatchLatency::cpu_quantile(double q) const {
  return nearest_rank(cpu_, q);
}

std::string DispatchLatency::summary() const {
  char buffer[320];
  std::snprintf(buffer, sizeof buffer,
                "dispatch latency: median %.3f ms, p99 %.3f ms, max %.3f ms over %zu jobs; "
                "own (less waits for a CPU): p99 %.3f ms, max %.3f ms; manager CPU: median "
                "%.3f ms, p99 %.3f ms",
                quantile(0.5) * 1e3, quantile(0.99) * 1e3, quantile(1.0) * 1e3, wall_.size(),
                own_quantile(0.99) * 1e3, own_quantile(1.0) * 1e3, cpu_quantile(0.5) * 1e3,
                cpu_quantile(0.99) * 1e3);
  return buffer;
}

} // namespace hpsearch
