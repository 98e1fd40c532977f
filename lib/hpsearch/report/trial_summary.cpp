#include "hpsearch/report/trial_summary.hpp"

#include "hpsearch/core/memory_limit.hpp"
#include "hpsearch/report/text_table.hpp"

#include <algorithm>
#include <map>

namespace hpsearch::report {

std::vector<std::vector<std::string>> trial_facts(const CheckpointContents& c,
                                                  const std::vector<TrialSummary>& trials) {
  std::map<TrialDecision, std::size_t> by_decision;
  for (const auto& t : trials) ++by_decision[t.decision];
  std::string decisions;
  for (const auto& entry : trial_decisions.entries()) {
    decisions += (decisions.empty() ? "" : ", ") + std::string(entry.name) + ' ' +
                 std::to_string(by_decision[entry.value]);
  }
  std::map<std::int32_t, std::size_t> by_rung;
  for (const auto& ev : c.evaluations) ++by_rung[ev.rung];
  std::string rungs;
  for (const auto& [rung, n] : by_rung) {
    rungs += (rungs.empty() ? "" : ", ") +
             (rung < 0 ? std::string("no rung") : "rung " + std::to_string(rung)) + ": " +
             std::to_string(n);
  }
  return {{"trials", std::to_string(trials.size()) + " (" + decisions + ")"}, {"jobs/rung", rungs}};
}

std::vector<std::string> trial_states_fact(const TrialStatesUsage& usage) {
  const std::string where = usage.dir + (usage.source.empty() ? "" : ", " + usage.source) + ")";
  if (!usage.exists) return {"trial disk", "none (no directory " + where};
  return {"trial disk", format_memory_size(usage.bytes) + " in " +
                            std::to_string(usage.trial_dirs) + " trial directories (" + where};
}

std::vector<const TrialSummary*> rank_trials(const CheckpointContents& c,
                                             const std::vector<TrialSummary>& trials) {
  std::vector<const TrialSummary*> ranked;
  for (const auto& t : trials) {
    if (t.has_value()) ranked.push_back(&t);
  }
  const Direction d = c.info.direction;
  std::sort(ranked.begin(), ranked.end(), [d](const TrialSummary* a, const TrialSummary* b) {
    if (a->fidelity != b->fidelity) return a->fidelity > b->fidelity;
    if (is_better(d, a->objective, b->objective)) return true;
    if (is_better(d, b->objective, a->objective)) return false;
    return a->trial < b->trial;
  });
  return ranked;
}

std::string best_trials_table(const CheckpointContents& c, const std::vector<TrialSummary>& trials,
                              std::size_t top) {
  const auto ranked = rank_trials(c, trials);
  if (ranked.empty()) return "  (no trial with a value)\n";
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"rank", "trial", "fidelity", "objective", "jobs", "decision"};
  header.insert(header.end(), c.parameters.begin(), c.parameters.end());
  rows.push_back(std::move(header));
  for (std::size_t i = 0; i < std::min(top, ranked.size()); ++i) {
    const TrialSummary& t = *ranked[i];
    const Config& config = c.evaluations[t.jobs.back()].config;
    std::vector<std::string> row = {
        std::to_string(i + 1),         std::to_string(t.trial),
        format_number(t.fidelity),     format_number(t.objective),
        std::to_string(t.jobs.size()), std::string(to_string(t.decision))};
    for (const auto& name : c.parameters) row.push_back(format_value(config.find(name)));
    rows.push_back(std::move(row));
  }
  return table(rows, "  ");
}

} // namespace hpsearch::report
