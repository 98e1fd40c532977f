#include "hpsearch/report/html/sections.hpp"
#include "hpsearch/report/html/svg_plot.hpp"
#include "hpsearch/report/text_table.hpp"
#include "hpsearch/store/trial_view.hpp"

#include <cmath>

namespace hpsearch::report::html {

namespace {

constexpr std::size_t kMaxMessage = 160;

} // namespace

std::string table_section(const ReportData& data) {
  const CheckpointContents& c = data.contents;
  const bool trials = has_trials(c);
  std::string body = "<p>Every evaluation, in the order recorded; click a column header to "
                     "sort. Times in seconds since the search began.</p><div class=\"scroll\">"
                     "<table class=\"sortable\" id=\"evaluations-table\"><thead><tr><th>id"
                     "<th>status<th>objective";
  for (const std::string& p : c.parameters) body += "<th>" + escape(p);
  if (trials) body += "<th>trial<th>fidelity<th>from<th>rung<th>decision";
  body += "<th>worker<th>start<th>duration<th>allocation<th>re-runs<th>message</thead><tbody>";
  // Optional end tags (</td>, </tr>) are left out: the table is most of a large report.
  for (std::size_t i = 0; i < c.evaluations.size(); ++i) {
    const Evaluation& ev = c.evaluations[i];
    body += "<tr><td>" + std::to_string(ev.id) + "<td>" + std::string(to_string(ev.status)) +
            "<td>" + (ev.status == Status::ok ? number(ev.objective) : std::string());
    for (const std::string& p : c.parameters) {
      const Value* v = ev.config.find(p);
      body += "<td>" + (v == nullptr ? std::string() : escape(format_value(v)));
    }
    if (trials) {
      body += "<td>" + std::to_string(ev.trial >= 0 ? ev.trial : ev.id) + "<td>" +
              number(ev.fidelity) + "<td>" + number(ev.from_fidelity) + "<td>" +
              (ev.rung >= 0 ? std::to_string(ev.rung) : std::string()) + "<td>" +
              std::string(to_string(ev.decision));
    }
    const RowExtras extras = i < c.extras.size() ? c.extras[i] : RowExtras{};
    std::string message = ev.message.substr(0, kMaxMessage);
    if (ev.message.size() > kMaxMessage) message += "...";
    body += "<td>" + std::to_string(ev.worker_rank) + "<td>" +
            formatted("%.3f", ev.started_at - data.origin) + "<td>" +
            formatted("%.3f", ev.finished_at - ev.started_at) + "<td>" +
            std::to_string(extras.allocation) + "<td>" +
            (extras.requeue_of >= 0 ? std::to_string(extras.requeue_of) : std::string()) +
            "<td style=\"text-align:left\">" + escape(message) + "\n";
  }
  body += "</tbody></table></div>";
  return section("evaluations", "All evaluations", body);
}

} // namespace hpsearch::report::html
