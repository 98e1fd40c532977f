#include "hpsearch/report/html/sections.hpp"
#include "hpsearch/report/html/svg_plot.hpp"
#include "hpsearch/report/summary.hpp"

#include <cmath>

namespace hpsearch::report::html {

std::string utilization_section(const ReportData& data) {
  if (data.utilization.empty()) {
    return section("utilization", "Worker utilization", note("no allocation recorded"));
  }
  std::string body =
      "<p>Busy workers over each allocation (from each evaluation's start and finish). "
      "Mean utilization = busy worker-seconds / (workers &times; the allocation's length, "
      "from its start to its end, or to its last result while it runs). Low utilization "
      "with many workers means more workers would not finish the search sooner.</p>"
      "<table id=\"utilization-table\"><thead><tr><th>allocation<th>workers<th>length"
      "<th>evaluations<th>busy worker-s<th>mean utilization</thead><tbody>";
  for (const AllocationUtilization& u : data.utilization) {
    body += "<tr><td>" + std::to_string(u.allocation) + "<td>" + std::to_string(u.workers) +
            "<td>" + escape(format_duration(u.end - u.start)) + "<td>" + std::to_string(u.rows) +
            "<td>" + number(u.busy_seconds) + "<td class=\"util\" data-allocation=\"" +
            std::to_string(u.allocation) + "\" data-utilization=\"" + formatted("%.12g", u.mean) +
            "\">" + (std::isnan(u.mean) ? std::string("-") : number(100.0 * u.mean) + " %");
  }
  body += "</tbody></table>";
  for (const AllocationUtilization& u : data.utilization) {
    SvgPlot plot("utilization-" + std::to_string(u.allocation),
                 {0.0,
                  u.end - u.start,
                  false,
                  "seconds since allocation " + std::to_string(u.allocation) + " began",
                  {}},
                 {0.0, static_cast<double>(std::max(u.workers, 1)), false, "busy workers", {}});
    plot.step(u.busy, "busy", "busy workers");
    if (!std::isnan(u.mean)) {
      plot.hline(u.mean * u.workers, "mean", "mean " + number(100.0 * u.mean) + " %");
    }
    body += "<h3>allocation " + std::to_string(u.allocation) + "</h3>" + plot.svg();
  }
  return section("utilization", "Worker utilization", body);
}

} // namespace hpsearch::report::html
