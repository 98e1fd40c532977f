#include "hpsearch/report/summary.hpp"

#include "hpsearch/core/value.hpp"
#include "hpsearch/report/pbt_schedule.hpp"
#include "hpsearch/report/text_table.hpp"
#include "hpsearch/report/trial_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <vector>

namespace hpsearch {

namespace {

using report::format_number;
using report::format_value;
using report::table;

std::string status_counts(const std::vector<Evaluation>& evaluations) {
  std::map<Status, std::size_t> counts;
  for (const auto& ev : evaluations) ++counts[ev.status];
  std::string out;
  for (Status s : kAllStatuses) {
    if (s != Status::ok && counts[s] == 0) continue;
    out += (out.empty() ? "" : ", ") + std::string(to_string(s)) + ' ' + std::to_string(counts[s]);
  }
  return out;
}

std::string best_table(const CheckpointContents& c, std::size_t top) {
  std::vector<const Evaluation*> ok;
  for (const auto& ev : c.evaluations) {
    if (ev.status == Status::ok && !std::isnan(ev.objective)) ok.push_back(&ev);
  }
  const Direction d = c.info.direction;
  std::sort(ok.begin(), ok.end(), [d](const Evaluation* a, const Evaluation* b) {
    if (is_better(d, a->objective, b->objective)) return true;
    if (is_better(d, b->objective, a->objective)) return false;
    return a->id < b->id;
  });
  if (ok.empty()) return "  (no successful evaluation)\n";
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"rank", "id", "objective"};
  header.insert(header.end(), c.parameters.begin(), c.parameters.end());
  rows.push_back(std::move(header));
  for (std::size_t i = 0; i < std::min(top, ok.size()); ++i) {
    std::vector<std::string> row = {std::to_string(i + 1), std::to_string(ok[i]->id),
                                    format_number(ok[i]->objective)};
    for (const auto& name : c.parameters) row.push_back(format_value(ok[i]->config.find(name)));
    rows.push_back(std::move(row));
  }
  return table(rows, "  ");
}

std::string indented(const std::string& text, std::size_t max_lines) {
  std::istringstream in(text);
  std::string line, out;
  std::size_t n = 0, total = 0;
  while (std::getline(in, line)) {
    if (++total <= max_lines) out += "  " + line + '\n';
    n = total;
  }
  if (n > max_lines) out += "  ... (" + std::to_string(n - max_lines) + " more lines)\n";
  return out;
}

/// Index of the allocation a job submitted at `t` belongs to (the last one started by then).
std::size_t allocation_at(const std::vector<Allocation>& allocations, double t) {
  std::size_t index = 0;
  for (std::size_t i = 0; i < allocations.size(); ++i) {
    if (allocations[i].start <= t) index = i;
  }
  return index;
}

std::string allocation_table(const CheckpointContents& c) {
  if (c.allocations.empty()) return "  (none recorded)\n";
  std::vector<std::size_t> finished(c.allocations.size()), lost(c.allocations.size());
  for (std::size_t i = 0; i < c.evaluations.size(); ++i) {
    const Evaluation& ev = c.evaluations[i];
    if (ev.status == Status::lost) {
      ++lost[allocation_at(c.allocations, ev.submitted_at)];
    } else if (i < c.extras.size() &&
               static_cast<std::size_t>(c.extras[i].allocation) < finished.size()) {
      ++finished[static_cast<std::size_t>(c.extras[i].allocation)];
    }
  }
  std::vector<std::vector<std::string>> rows = {
      {"#", "start", "duration", "ranks", "job", "host", "finished", "lost", "exit"}};
  for (std::size_t i = 0; i < c.allocations.size(); ++i) {
    const Allocation& a = c.allocations[i];
    rows.push_back({std::to_string(i), format_iso8601(a.start),
                    std::isnan(a.end) ? "-" : format_duration(a.end - a.start),
                    std::to_string(a.ranks), a.job_id.empty() ? "-" : a.job_id,
                    a.host + ":" + std::to_string(a.pid), std::to_string(finished[i]),
                    std::to_string(lost[i]), a.exit_reason});
  }
  return table(rows, "  ");
}

std::string lost_time(const CheckpointContents& c) {
  double seconds = 0.0;
  std::size_t n = 0;
  for (const auto& ev : c.evaluations) {
    if (ev.status != Status::lost) continue;
    seconds += std::max(0.0, ev.finished_at - ev.started_at);
    ++n;
  }
  return format_duration(seconds) + " in " + std::to_string(n) +
         " evaluations in flight when an allocation ended (each evaluated again)";
}

} // namespace

std::string format_duration(double seconds) {
  char buf[48];
  if (seconds < 60.0) {
    std::snprintf(buf, sizeof buf, "%.1f s", seconds);
    return buf;
  }
  const auto s = static_cast<long long>(std::llround(seconds));
  if (s < 3600) {
    std::snprintf(buf, sizeof buf, "%lldm %02llds", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%lldh %02lldm %02llds", s / 3600, s / 60 % 60, s % 60);
  }
  return buf;
}

std::string format_summary(const CheckpointContents& c, std::size_t top,
                           const std::optional<TrialStatesUsage>& trial_states) {
  const auto& evs = c.evaluations;
  std::vector<std::vector<std::string>> facts = {
      {"checkpoint", c.path},
      {"created", format_iso8601(c.info.created) + " by hpsearch " + c.info.hpsearch_version +
                      " (format " + std::to_string(c.format_version) + ")"},
      {"strategy", c.info.strategy + ", seed " + std::to_string(c.info.seed)},
      {"direction", std::string(to_string(c.info.direction))},
      {"parameters", std::to_string(c.parameters.size()) + " (space hash " + c.space_hash + ")"},
      {"evaluations",
       std::to_string(evs.size()) + (evs.empty() ? "" : " (" + status_counts(evs) + ")")},
  };
  if (!c.simulated.empty()) facts.push_back({"simulated", c.simulated});
  if (!evs.empty()) {
    double first = evs.front().submitted_at, last = evs.front().finished_at;
    for (const auto& ev : evs) {
      first = std::min(first, ev.submitted_at);
      last = std::max(last, ev.finished_at);
    }
    const double wall = last - first;
    std::string rate = "-";
    if (wall > 0.0) rate = format_number(static_cast<double>(evs.size()) / wall, 3);
    facts.push_back({"wall time", format_duration(wall) + " (first submitted to last finished)"});
    facts.push_back({"throughput", rate + " evaluations/s"});
  }
  if (c.state) {
    facts.push_back({"state", "saved " + format_iso8601(c.state->saved_at) + ", next id " +
                                  std::to_string(c.state->next_id) + ", " +
                                  std::to_string(c.state->in_flight.size()) + " in flight, " +
                                  std::to_string(c.state->requeue.size()) + " waiting to re-run" +
                                  (c.state_slot_damaged ? " (one slot torn by a kill)" : "")});
  }
  facts.push_back({"time lost", lost_time(c)});
  if (!c.curves.empty()) {
    facts.push_back({"curves", std::to_string(c.curves.size()) + " learning-curve points"});
  }
  const bool multi_fidelity = has_trials(c);
  std::vector<TrialSummary> trials;
  if (multi_fidelity) {
    trials = trial_view(c);
    for (auto& fact : report::trial_facts(c, trials)) facts.push_back(std::move(fact));
  }
  if (trial_states) facts.push_back(report::trial_states_fact(*trial_states));
  std::string out = table(facts, "");
  out += "\nallocations:\n" + allocation_table(c);
  const std::string direction(to_string(c.info.direction));
  if (multi_fidelity) {
    out += "\nbest " + std::to_string(top) + " trials (" + direction +
           ", at the highest fidelity reached first):\n";
    out += report::best_trials_table(c, trials, top);
  } else {
    out += "\nbest " + std::to_string(top) + " (" + direction + "):\n";
    out += best_table(c, top);
  }
  if (report::has_lineage(c)) {
    if (const std::optional<std::size_t> best = report::best_member_row(c)) {
      const Evaluation& ev = c.evaluations[*best];
      out += "\nbest member's hyperparameter schedule (population-based training; trial " +
             std::to_string(ev.trial) + ", objective " + format_number(ev.objective, 6) +
             " at fidelity " + to_string(Value{ev.fidelity}) + "):\n";
      out += report::schedule_text(report::schedule_of(c, *best));
    }
  }
  out += "\nproblem:\n" + indented(c.info.problem_text, 40);
  return out;
}

} // namespace hpsearch
