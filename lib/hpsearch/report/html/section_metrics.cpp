#include "hpsearch/report/html/sections.hpp"
#include "hpsearch/report/html/svg_plot.hpp"

#include <limits>

namespace hpsearch::report::html {

namespace {

constexpr std::size_t kMaxPlots = 8;

} // namespace

std::string metrics_section(const ReportData& data) {
  const std::string title = "User metrics";
  const MetricTable& table = data.metrics;
  if (table.columns.empty()) {
    return section("metrics", title,
                   note("No evaluation reported user metrics (a command's \"metadata\", the "
                        "trainer's own; declared ones under metrics: become columns)."));
  }
  std::string body = "<p>The metrics the evaluations reported (declared ones are checkpoint "
                     "columns; all are exported as m:&lt;key&gt;), each numeric one against the "
                     "objective. Their values are in the table of evaluations.</p><ul>";
  for (const MetricColumn& c : table.columns) {
    body += "<li>" + escape(c.header) + ": " + std::to_string(c.rows) + " of " +
            std::to_string(table.cells.size()) + " rows" + (c.declared ? ", declared" : "");
  }
  body += "</ul>";
  std::size_t plots = 0;
  for (std::size_t j = 0; j < table.columns.size() && plots < kMaxPlots; ++j) {
    std::vector<double> xs(table.cells.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < table.cells.size(); ++i) {
      const MetricValue& v = table.cells[i][j];
      if (v.kind == MetricValue::Kind::number) xs[i] = v.number;
    }
    const std::string svg =
        objective_scatter(data, "metric-" + std::to_string(j), xs, table.columns[j].header);
    if (svg.empty()) continue;
    body += "<h3>" + escape(table.columns[j].header) + "</h3>" + svg;
    ++plots;
  }
  return section("metrics", title, body);
}

} // namespace hpsearch::report::html
