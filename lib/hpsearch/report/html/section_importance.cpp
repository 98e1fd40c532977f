#include "hpsearch/report/html/sections.hpp"
#include "hpsearch/report/html/svg_plot.hpp"

#include <algorithm>

namespace hpsearch::report::html {

std::string importance_section(const ReportData& data) {
  if (data.space == nullptr) return without_space(data, "importance", "Parameter importance");
  const ForestAnalysis& f = data.forest;
  if (!f.unavailable.empty()) {
    return section("importance", "Parameter importance", note(f.unavailable));
  }
  std::vector<const ParameterEffect*> order;
  for (const ParameterEffect& e : f.effects) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(),
                   [](const auto* a, const auto* b) { return a->importance > b->importance; });
  std::string body = "<p class=\"method\">Method: " + escape(f.method) + ".</p>";
  body += "<table id=\"importance-table\"><thead><tr><th>parameter<th>importance<th>"
          "</thead><tbody>";
  for (const ParameterEffect* e : order) {
    body += "<tr><td>" + escape(e->name) + "<td>" + number(100.0 * e->importance) +
            " %<td style=\"text-align:left;width:320px\"><div class=\"bar\" style=\"width:" +
            svg_number(300.0 * e->importance) + "px\"></div>";
  }
  body += "</tbody></table>";
  return section("importance", "Parameter importance", body);
}

} // namespace hpsearch::report::html
