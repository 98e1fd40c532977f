#include "hpsearch/report/html/sections.hpp"
#include "hpsearch/report/html/svg_plot.hpp"
#include "hpsearch/report/summary.hpp"

#include <cmath>

namespace hpsearch::report::html {

namespace {

std::string kpi(const std::string& label, const std::string& value) {
  return "<div class=\"kpi\">" + escape(label) + "<b>" + escape(value) + "</b></div>";
}

} // namespace

std::string summary_section(const ReportData& data) {
  const CheckpointContents& c = data.contents;
  std::size_t ok = 0;
  double best = std::nan("");
  for (const Evaluation& ev : c.evaluations) {
    if (ev.status != Status::ok || !std::isfinite(ev.objective)) continue;
    ++ok;
    if (std::isnan(best) || is_better(c.info.direction, ev.objective, best)) best = ev.objective;
  }
  double busy = 0.0, capacity = 0.0;
  for (const AllocationUtilization& u : data.utilization) {
    busy += u.busy_seconds;
    capacity += u.workers * (u.end - u.start);
  }
  std::string body = "<div class=\"kpis\">";
  body += kpi("strategy", c.info.strategy);
  body +=
      kpi("evaluations", std::to_string(c.evaluations.size()) + " (" + std::to_string(ok) + " ok)");
  body += kpi(std::string("best (") + std::string(to_string(c.info.direction)) + ")", number(best));
  body += kpi("allocations", std::to_string(c.allocations.size()));
  body += kpi("worker utilization",
              capacity > 0.0 ? number(100.0 * busy / capacity) + " %" : std::string("-"));
  body += "</div>";
  // The same facts `hpsearch show` prints: problem, seeds, evaluations by status,
  // allocations, time lost to re-runs, the best configurations.
  std::string text = format_summary(c, 10);
  const std::size_t problem = text.find("\nproblem:\n");
  if (problem != std::string::npos) text.resize(problem + 1);
  body += "<pre>" + escape(text) + "</pre>";
  return section("summary", "Summary", body);
}

} // namespace hpsearch::report::html
