#include "hpsearch/report/column_list.hpp"

#include "hpsearch/core/metric_names.hpp"
#include "hpsearch/report/metric_columns.hpp"
#include "hpsearch/report/text_table.hpp"

#include <sstream>

namespace hpsearch {

std::string format_columns(const CheckpointContents& contents) {
  std::ostringstream out;
  const std::string rows = std::to_string(contents.evaluations.size());
  out << "columns of " << contents.path << " (named as `hpsearch export` writes them; " << rows
      << " rows)\n";
  out << "parameters (" << contents.parameters.size() << "):";
  for (const auto& p : contents.parameters) out << " p:" << p;
  out << "\nbuilt in: objective job_id job_status";
  for (const auto key : kBuiltinMetricKeys) out << " m:" << key;
  const MetricTable metrics = metric_table(contents);
  out << "\nuser metrics (" << metrics.columns.size() << ")";
  if (!contents.metric_columns) {
    out << ": none recorded (the checkpoint was written before user metrics)\n";
    return out.str();
  }
  if (metrics.columns.empty()) {
    out << ": none (declare them under `metrics:`; a command reports them in "
           "{\"objective\": ..., \"metadata\": {...}})\n";
    return out.str();
  }
  out << ":\n";
  std::vector<std::vector<std::string>> table;
  for (const auto& c : metrics.columns) {
    table.push_back({c.header,
                     c.declared ? "declared: checkpoint column m:" + c.key
                                : "undeclared: in the metadata column",
                     std::to_string(c.rows) + " of " + rows + " rows"});
  }
  out << report::table(table, "  ");
  return out.str();
}

} // namespace hpsearch
