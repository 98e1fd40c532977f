#include "hpsearch/report/html/utilization.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace hpsearch::report::html {

std::vector<AllocationUtilization> worker_utilization(const CheckpointContents& contents) {
  std::vector<AllocationUtilization> out(contents.allocations.size());
  std::vector<std::vector<std::pair<double, int>>> events(out.size());
  for (std::size_t a = 0; a < out.size(); ++a) {
    const Allocation& alloc = contents.allocations[a];
    out[a].allocation = a;
    out[a].workers = std::max(0, alloc.ranks - 1);
    out[a].start = alloc.start;
    out[a].end = alloc.end;
  }
  std::vector<double> latest(out.size(), -std::numeric_limits<double>::infinity());
  for (std::size_t i = 0; i < contents.evaluations.size(); ++i) {
    const auto a = static_cast<std::size_t>(contents.extras[i].allocation);
    if (a >= out.size()) continue;
    ++out[a].rows;
    latest[a] = std::max(latest[a], contents.evaluations[i].finished_at);
  }
  for (std::size_t a = 0; a < out.size(); ++a) {
    if (std::isnan(out[a].end)) out[a].end = std::max(out[a].start, latest[a]);
  }
  for (std::size_t i = 0; i < contents.evaluations.size(); ++i) {
    const auto a = static_cast<std::size_t>(contents.extras[i].allocation);
    if (a >= out.size()) continue;
    const Evaluation& ev = contents.evaluations[i];
    const double from = std::max(ev.started_at, out[a].start);
    const double to = std::min(ev.finished_at, out[a].end);
    if (!(to > from)) continue;
    out[a].busy_seconds += to - from;
    events[a].emplace_back(from, +1);
    events[a].emplace_back(to, -1);
  }
  for (std::size_t a = 0; a < out.size(); ++a) {
    AllocationUtilization& u = out[a];
    const double span = u.end - u.start;
    u.mean = u.workers > 0 && span > 0.0 ? u.busy_seconds / (u.workers * span)
                                         : std::numeric_limits<double>::quiet_NaN();
    auto& e = events[a];
    std::sort(e.begin(), e.end()); // at equal times the finish (-1) comes first
    int busy = 0;
    u.busy.push_back({0.0, 0.0});
    for (std::size_t k = 0; k < e.size(); ++k) {
      busy += e[k].second;
      if (k + 1 < e.size() && e[k + 1].first == e[k].first) continue;
      u.busy.push_back({e[k].first - u.start, static_cast<double>(busy)});
    }
    u.busy.push_back({std::max(span, 0.0), static_cast<double>(busy)});
  }
  return out;
}

} // namespace hpsearch::report::html
