#include "hpsearch/report/html/sections.hpp"
#include "hpsearch/report/html/svg_plot.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hpsearch::report::html {

std::string objective_scatter(const ReportData& data, const std::string& id,
                              const std::vector<double>& xs, const std::string& x_label) {
  const auto& evaluations = data.contents.evaluations;
  std::vector<Point> points;
  double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
  for (std::size_t i = 0; i < evaluations.size() && i < xs.size(); ++i) {
    const Evaluation& ev = evaluations[i];
    if (ev.status != Status::ok || !std::isfinite(ev.objective) || !std::isfinite(xs[i])) {
      continue;
    }
    points.push_back({xs[i], ev.objective});
    x0 = std::min(x0, xs[i]);
    x1 = std::max(x1, xs[i]);
    y0 = std::min(y0, ev.objective);
    y1 = std::max(y1, ev.objective);
  }
  if (points.empty()) return "";
  const bool log = x0 > 0.0 && x1 > 100.0 * x0;
  SvgPlot plot(id, {x0, x1, log, x_label, {}}, {y0, y1, false, "objective", {}});
  plot.scatter(points, "obs", "objective against " + x_label);
  return plot.svg();
}

} // namespace hpsearch::report::html
