#include "hpsearch/report/html/parameter_axis.hpp"
#include "hpsearch/report/html/sections.hpp"

#include <algorithm>
#include <limits>

namespace hpsearch::report::html {

namespace {

constexpr std::size_t kMaxPlots = 4;

} // namespace

std::string dependence_section(const ReportData& data) {
  const std::string title = "Partial dependence";
  if (data.space == nullptr) return without_space(data, "dependence", title);
  const ForestAnalysis& f = data.forest;
  if (!f.unavailable.empty()) return section("dependence", title, note(f.unavailable));
  std::vector<std::size_t> order;
  for (std::size_t j = 0; j < f.effects.size(); ++j) {
    if (!f.effects[j].partial.empty()) order.push_back(j);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return f.effects[a].importance > f.effects[b].importance;
  });
  if (order.size() > kMaxPlots) order.resize(kMaxPlots);
  std::string body = "<p>The forest's mean prediction of the objective as one parameter varies "
                     "over its range, the others as observed (the " +
                     std::to_string(std::min<std::size_t>(order.size(), kMaxPlots)) +
                     " most important parameters).</p>";
  for (std::size_t j : order) {
    const Parameter& p = data.space->parameters()[j];
    std::vector<Point> points;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const Point& q : f.effects[j].partial) {
      points.push_back({axis_position(p, q.x), q.y});
      lo = std::min(lo, q.y);
      hi = std::max(hi, q.y);
    }
    SvgPlot plot("dependence-" + std::to_string(j), parameter_axis(p),
                 {lo, hi, false, "predicted objective", {}});
    if (p.kind == ParamKind::real || p.kind == ParamKind::integer) {
      plot.polyline(points, "pd", "partial dependence on " + p.name);
    }
    plot.scatter(points, "pd", "partial dependence on " + p.name);
    body += "<h3>" + escape(p.name) + " (importance " + number(100.0 * f.effects[j].importance) +
            " %)</h3>" + plot.svg();
  }
  return section("dependence", title, body);
}

} // namespace hpsearch::report::html
