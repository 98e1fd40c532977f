#include "hpsearch/report/html/sections.hpp"
#include "hpsearch/report/html/svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hpsearch::report::html {

namespace {

constexpr double kTop = std::numeric_limits<double>::max(); // clamped to the top edge

struct Series {
  std::vector<Point> observed, best, failed, stopped, lost;
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
};

/// The rows against x = x_of(i, row): ok objectives, the best so far, and the rows that
/// ended otherwise (drawn as crosses at the top edge).
template <class X> Series series(const CheckpointContents& c, X x_of) {
  Series s;
  double best = std::nan("");
  for (std::size_t i = 0; i < c.evaluations.size(); ++i) {
    const Evaluation& ev = c.evaluations[i];
    const double x = x_of(i, ev);
    switch (ev.status) {
    case Status::ok:
      if (!std::isfinite(ev.objective)) break;
      s.observed.push_back({x, ev.objective});
      s.lo = std::min(s.lo, ev.objective);
      s.hi = std::max(s.hi, ev.objective);
      if (std::isnan(best) || is_better(c.info.direction, ev.objective, best)) {
        best = ev.objective;
      }
      s.best.push_back({x, best});
      break;
    case Status::failed:
    case Status::timeout:
      s.failed.push_back({x, kTop});
      break;
    case Status::stopped:
      s.stopped.push_back({x, kTop});
      break;
    case Status::lost:
      s.lost.push_back({x, kTop});
      break;
    }
  }
  return s;
}

void draw(SvgPlot& plot, const Series& s) {
  plot.scatter(s.observed, "obs", "objective of each successful evaluation");
  plot.step(s.best, "best", "best so far");
  plot.crosses(s.failed, "fail", "failed or timed out");
  plot.crosses(s.stopped, "stop", "stopped early");
  plot.crosses(s.lost, "lost", "lost when an allocation ended (evaluated again)");
}

Axis objective_axis(const CheckpointContents& c, const Series& s) {
  // Log scale for positive objectives spanning more than two decades.
  const bool log = c.info.direction == Direction::minimize && s.lo > 0.0 && s.hi / s.lo > 100.0;
  return {s.lo, s.hi, log, "objective", {}};
}

} // namespace

std::string trajectory_section(const ReportData& data) {
  const CheckpointContents& c = data.contents;
  if (c.evaluations.empty()) {
    return section("trajectory", "Best so far", note("no evaluation recorded yet"));
  }
  const Series by_count = series(c, [](std::size_t i, const Evaluation&) { return i + 1.0; });
  const double origin = data.origin;
  const Series by_time =
      series(c, [origin](std::size_t, const Evaluation& ev) { return ev.finished_at - origin; });
  double t_max = 0.0;
  for (const Evaluation& ev : c.evaluations) t_max = std::max(t_max, ev.finished_at - origin);
  for (const Allocation& a : c.allocations) {
    if (std::isfinite(a.end)) t_max = std::max(t_max, a.end - origin);
  }

  SvgPlot count("best-vs-evaluations",
                {0.0,
                 static_cast<double>(c.evaluations.size()) + 1.0,
                 false,
                 "evaluations (in the order recorded)",
                 {}},
                objective_axis(c, by_count));
  draw(count, by_count);
  SvgPlot wall("best-vs-time", {0.0, t_max, false, "wall time since the search began (s)", {}},
               objective_axis(c, by_time));
  draw(wall, by_time);
  // Allocation boundaries: where each resume began.
  std::vector<bool> seen(c.allocations.size(), false);
  for (std::size_t i = 0; i < c.evaluations.size() && i < c.extras.size(); ++i) {
    const auto a = static_cast<std::size_t>(c.extras[i].allocation);
    if (a < seen.size() && !seen[a]) {
      seen[a] = true;
      if (a > 0) count.vline(i + 0.5, "alloc", "allocation " + std::to_string(a));
    }
  }
  for (std::size_t a = 1; a < c.allocations.size(); ++a) {
    wall.vline(c.allocations[a].start - origin, "alloc", "allocation " + std::to_string(a));
  }
  std::string body = "<p>Dots: each successful evaluation; red line: the best objective so "
                     "far; crosses at the top: failed or timed-out (red), stopped (orange), "
                     "lost (grey) evaluations; dashed green lines: a new allocation (resume).</p>";
  if (by_count.observed.empty()) body += note("no successful evaluation yet");
  body += count.svg() + wall.svg();
  return section("trajectory", "Best so far", body);
}

} // namespace hpsearch::report::html
