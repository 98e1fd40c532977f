#include "hpsearch/report/html/html_report.hpp"

#include "hpsearch/report/html/page.hpp"
#include "hpsearch/report/html/sections.hpp"

#include <algorithm>
#include <cmath>

namespace hpsearch {

std::string render_html_report(const CheckpointContents& contents, const SearchSpace* space,
                               const std::string& space_error) {
  using namespace report::html;
  ReportData data{contents, space, space_error, contents.info.created, {}, {}};
  for (const Allocation& a : contents.allocations) data.origin = std::min(data.origin, a.start);
  data.utilization = worker_utilization(contents);
  if (space != nullptr) data.forest = analyse_with_forest(contents, *space, contents.info.seed);
  std::string body;
  body += summary_section(data);
  body += trajectory_section(data);
  body += utilization_section(data);
  body += importance_section(data);
  body += parallel_section(data);
  body += dependence_section(data);
  body += curves_section(data);
  body += lineage_section(data);
  body += table_section(data);
  body += problem_section(data);
  return page("hpsearch report: " + contents.path, body);
}

} // namespace hpsearch
