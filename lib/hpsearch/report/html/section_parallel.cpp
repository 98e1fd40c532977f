#include "hpsearch/report/html/parameter_axis.hpp"
#include "hpsearch/report/html/sections.hpp"

#include <algorithm>
#include <cmath>

namespace hpsearch::report::html {

namespace {

constexpr std::size_t kTop = 30;

std::string axis_end_label(const Parameter& p, double u) {
  if (p.kind == ParamKind::real || p.kind == ParamKind::integer) {
    return tick_label(axis_position(p, u));
  }
  const auto& names = parameter_axis(p).categories;
  return names.empty() ? std::string() : names[static_cast<std::size_t>(axis_position(p, u))];
}

std::string label_at(const SvgPlot& plot, double x, double y, const std::string& text) {
  return "<text class=\"mark\" text-anchor=\"middle\" x=\"" + svg_number(plot.px(x)) + "\" y=\"" +
         svg_number(plot.py(y)) + "\">" + escape(text) + "</text>";
}

} // namespace

std::string parallel_section(const ReportData& data) {
  const std::string title = "Parallel coordinates of the best evaluations";
  if (data.space == nullptr) return without_space(data, "parallel", title);
  const CheckpointContents& c = data.contents;
  std::vector<const Evaluation*> ok;
  for (const Evaluation& ev : c.evaluations) {
    if (ev.status == Status::ok && std::isfinite(ev.objective)) ok.push_back(&ev);
  }
  if (ok.empty()) return section("parallel", title, note("no successful evaluation yet"));
  const Direction d = c.info.direction;
  std::stable_sort(ok.begin(), ok.end(), [d](const Evaluation* a, const Evaluation* b) {
    return is_better(d, a->objective, b->objective);
  });
  if (ok.size() > kTop) ok.resize(kTop);
  const SearchSpace& space = *data.space;
  Axis x{0, 0, false, "", {}};
  for (const Parameter& p : space.parameters()) x.categories.push_back(p.name);
  x.categories.push_back("objective");
  SvgPlot plot("parallel-coordinates", x, {-0.1, 1.1, false, "position in range", {}}, 900.0,
               320.0);
  const double lo = std::min(ok.front()->objective, ok.back()->objective);
  const double hi = std::max(ok.front()->objective, ok.back()->objective);
  const auto columns = static_cast<double>(space.size());
  for (std::size_t r = ok.size(); r-- > 0;) { // the best drawn last, on top
    std::vector<Point> line;
    try {
      const Eigen::VectorXd u = space.encode(ok[r]->config, Encoding::index);
      for (Eigen::Index j = 0; j < u.size(); ++j) {
        line.push_back({static_cast<double>(j), u(j) < 0.0 ? std::nan("") : u(j)});
      }
    } catch (const std::exception&) {
      continue; // a row the stored space cannot encode (never expected)
    }
    line.push_back({columns, hi == lo ? 0.5 : (ok[r]->objective - lo) / (hi - lo)});
    plot.polyline(line, r == 0 ? "pc-best" : "pc",
                  "id " + std::to_string(ok[r]->id) + ": " + ok[r]->config.to_string() +
                      ", objective " + number(ok[r]->objective));
  }
  std::string labels;
  for (std::size_t j = 0; j < space.size(); ++j) {
    const Parameter& p = space.parameters()[j];
    const auto xj = static_cast<double>(j);
    labels += "<line class=\"axis\" x1=\"" + svg_number(plot.px(xj)) + "\" x2=\"" +
              svg_number(plot.px(xj)) + "\" y1=\"" + svg_number(plot.py(0.0)) + "\" y2=\"" +
              svg_number(plot.py(1.0)) + "\"/>";
    labels += label_at(plot, xj, -0.07, axis_end_label(p, 0.0));
    labels += label_at(plot, xj, 1.04, axis_end_label(p, 1.0));
  }
  labels += label_at(plot, columns, -0.07, number(lo)) + label_at(plot, columns, 1.04, number(hi));
  plot.raw(labels);
  std::string body = "<p>The " + std::to_string(ok.size()) +
                     " best successful evaluations, one line each (the best in red); each "
                     "parameter's axis spans its range (log-scaled where the parameter is), "
                     "the objective's axis the values shown (the best at the " +
                     std::string(d == Direction::minimize ? "bottom" : "top") +
                     "); a gap: the parameter was inactive.</p>";
  return section("parallel", title, body + plot.svg());
}

} // namespace hpsearch::report::html
