// The lineage section (issue 19): for a population-based training search (a checkpoint
// with the parent column and some row with a parent), the best member's hyperparameter
// schedule and a table of every segment's copy: which trial's saved state it started from,
// at which fidelity, and whether it carried on with its parent's hyperparameters or
// copied and explored them. Absent for every other search.
#include "hpsearch/report/html/sections.hpp"
#include "hpsearch/report/html/svg_plot.hpp"
#include "hpsearch/report/pbt_schedule.hpp"

#include <map>

namespace hpsearch::report::html {

std::string lineage_section(const ReportData& data) {
  const CheckpointContents& c = data.contents;
  if (!c.parent_column || !has_lineage(c)) return "";
  std::map<TrialId, const Evaluation*> by_trial; // each trial's last ok row
  for (const Evaluation& ev : c.evaluations) {
    if (ev.status == Status::ok) by_trial[ev.trial] = &ev;
  }
  std::string body =
      "<p>Population-based training: each segment (trial) starts from a copy of its parent "
      "trial's saved state at the fidelity shown; <em>explored</em> marks a segment whose "
      "hyperparameters differ from its parent's (an exploit of a stronger member, "
      "perturbed), <em>continued</em> one that carried on with them.</p>";
  if (const std::optional<std::size_t> best = best_member_row(c)) {
    body += "<h3>The best member's schedule</h3><pre id=\"lineage-schedule\">" +
            escape(schedule_text(schedule_of(c, *best))) + "</pre>";
  }
  body += "<table id=\"lineage-table\"><thead><tr><th>job<th>trial<th>parent<th>from"
          "<th>to<th>objective<th>copy<th>hyperparameters</thead><tbody>";
  for (const Evaluation& ev : c.evaluations) {
    if (ev.status != Status::ok) continue;
    const auto parent = by_trial.find(ev.parent);
    std::string copy = "scratch";
    if (ev.parent >= 0) {
      copy = parent == by_trial.end()              ? "?"
             : parent->second->config == ev.config ? "continued"
                                                   : "explored";
    }
    body += "<tr data-trial=\"" + std::to_string(ev.trial) + "\" data-parent=\"" +
            std::to_string(ev.parent) + "\"><td>" + std::to_string(ev.id) + "<td>" +
            std::to_string(ev.trial) + "<td>" + (ev.parent >= 0 ? std::to_string(ev.parent) : "-") +
            "<td>" + number(ev.from_fidelity) + "<td>" + number(ev.fidelity) + "<td>" +
            number(ev.objective) + "<td class=\"copy\">" + copy + "<td>" +
            escape(ev.config.to_string());
  }
  body += "</tbody></table>";
  return section("lineage", "Lineage (population-based training)", body);
}

} // namespace hpsearch::report::html
