#include "hpsearch/store/trial_view.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace hpsearch {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool has_value(const Evaluation& ev) {
  return (ev.status == Status::ok || ev.status == Status::stopped) && !std::isnan(ev.objective);
}

TrialId trial_of(const Evaluation& ev) {
  return ev.trial >= 0 ? ev.trial : ev.id;
}

/// The trial's curve: every point of its jobs, by step; of points at the same step the one
/// of the latest job (jobs are in append order) is kept.
std::vector<CurvePoint> trial_curve(const std::vector<const CurvePoint*>& points,
                                    const std::unordered_map<JobId, std::size_t>& job_rank) {
  std::vector<const CurvePoint*> sorted = points;
  std::stable_sort(sorted.begin(), sorted.end(), [&](const CurvePoint* a, const CurvePoint* b) {
    if (a->step != b->step) return a->step < b->step;
    return job_rank.at(a->eval_id) > job_rank.at(b->eval_id); // latest job first
  });
  std::vector<CurvePoint> curve;
  for (const CurvePoint* p : sorted) {
    if (!curve.empty() && curve.back().step == p->step) continue;
    curve.push_back(*p);
  }
  return curve;
}

} // namespace

std::vector<TrialSummary> trial_view(const CheckpointContents& c) {
  std::vector<TrialSummary> trials;
  std::unordered_map<TrialId, std::size_t> index_of;   // trial -> index in trials
  std::unordered_map<JobId, std::size_t> trial_of_job; // job id -> index in trials
  std::unordered_map<JobId, std::size_t> job_rank;     // job id -> position in its trial
  for (std::size_t i = 0; i < c.evaluations.size(); ++i) {
    const Evaluation& ev = c.evaluations[i];
    const TrialId id = trial_of(ev);
    auto [it, added] = index_of.try_emplace(id, trials.size());
    if (added) {
      TrialSummary t;
      t.trial = id;
      t.fidelity = kNaN;
      t.objective = kNaN;
      trials.push_back(std::move(t));
    }
    TrialSummary& t = trials[it->second];
    job_rank[ev.id] = t.jobs.size();
    trial_of_job[ev.id] = it->second;
    t.jobs.push_back(i);
    t.decision = ev.decision;
    t.status = ev.status;
    if (has_value(ev)) {
      t.objective = ev.objective;
      if (std::isnan(t.fidelity) || ev.fidelity > t.fidelity) t.fidelity = ev.fidelity;
    }
  }
  std::vector<std::vector<const CurvePoint*>> points(trials.size());
  for (const CurvePoint& p : c.curves) {
    const auto it = trial_of_job.find(p.eval_id);
    if (it != trial_of_job.end()) points[it->second].push_back(&p);
  }
  for (std::size_t k = 0; k < trials.size(); ++k) {
    trials[k].curve = trial_curve(points[k], job_rank);
  }
  return trials;
}

bool has_trials(const CheckpointContents& c) {
  return std::any_of(c.evaluations.begin(), c.evaluations.end(), [](const Evaluation& ev) {
    return ev.from_fidelity > 0.0 || ev.rung >= 0 || ev.decision != TrialDecision::finished ||
           (ev.trial >= 0 && ev.trial != ev.id);
  });
}

} // namespace hpsearch
