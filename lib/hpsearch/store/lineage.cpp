#include "hpsearch/store/lineage.hpp"

#include "hpsearch/core/direction.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace hpsearch {

namespace {

bool ok(const Evaluation& ev) {
  return ev.status == Status::ok && std::isfinite(ev.objective);
}

TrialId trial_id(const Evaluation& ev) {
  return ev.trial >= 0 ? ev.trial : ev.id;
}

} // namespace

bool has_lineage(const CheckpointContents& c) {
  return std::any_of(c.evaluations.begin(), c.evaluations.end(),
                     [](const Evaluation& ev) { return ev.parent >= 0; });
}

std::vector<ScheduleStep> schedule_of(const CheckpointContents& c, std::size_t row) {
  std::map<TrialId, std::size_t> ok_row;
  for (std::size_t i = 0; i < c.evaluations.size(); ++i) {
    if (ok(c.evaluations[i])) ok_row[trial_id(c.evaluations[i])] = i;
  }
  std::vector<ScheduleStep> steps;
  std::set<TrialId> seen;
  std::optional<std::size_t> at = row;
  while (at) {
    const Evaluation& ev = c.evaluations.at(*at);
    if (!seen.insert(trial_id(ev)).second) break;
    steps.push_back({trial_id(ev), ev.from_fidelity, ev.fidelity, ev.config});
    at.reset();
    if (ev.parent < 0) break;
    if (const auto it = ok_row.find(ev.parent); it != ok_row.end()) at = it->second;
  }
  std::reverse(steps.begin(), steps.end());
  return steps;
}

std::optional<std::size_t> best_member_row(const CheckpointContents& c) {
  double highest = -std::numeric_limits<double>::infinity();
  for (const Evaluation& ev : c.evaluations) {
    if (ok(ev)) highest = std::max(highest, ev.fidelity);
  }
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < c.evaluations.size(); ++i) {
    const Evaluation& ev = c.evaluations[i];
    if (!ok(ev) || ev.fidelity != highest) continue;
    if (!best || is_better(c.info.direction, ev.objective, c.evaluations[*best].objective)) {
      best = i;
    }
  }
  return best;
}

} // namespace hpsearch
