#include "hpsearch/report/html/sections.hpp"
#include "hpsearch/report/html/svg_plot.hpp"
#include "hpsearch/store/trial_view.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

namespace hpsearch::report::html {

namespace {

constexpr std::size_t kMaxCurves = 1000;

TrialId trial_of(const Evaluation& ev) {
  return ev.trial >= 0 ? ev.trial : ev.id;
}

/// The trial of the best successful row at the highest fidelity reached, or -1.
TrialId best_trial(const CheckpointContents& c) {
  const Evaluation* best = nullptr;
  for (const Evaluation& ev : c.evaluations) {
    if (ev.status != Status::ok || !std::isfinite(ev.objective)) continue;
    if (best == nullptr || ev.fidelity > best->fidelity ||
        (ev.fidelity == best->fidelity &&
         is_better(c.info.direction, ev.objective, best->objective))) {
      best = &ev;
    }
  }
  return best == nullptr ? -1 : trial_of(*best);
}

} // namespace

std::string curves_section(const ReportData& data) {
  const std::string title = "Learning curves";
  const CheckpointContents& c = data.contents;
  if (c.curves.empty()) {
    return section("curves", title,
                   note("this checkpoint holds no learning curves (its evaluations reported no "
                        "intermediate values)"));
  }
  std::unordered_map<JobId, const Evaluation*> by_id;
  for (const Evaluation& ev : c.evaluations) by_id[ev.id] = &ev;
  std::map<TrialId, std::vector<Point>> curves; // per trial, continuations joined
  double x_hi = 0.0, y_lo = std::numeric_limits<double>::infinity(), y_hi = -y_lo;
  for (const CurvePoint& p : c.curves) {
    const auto it = by_id.find(p.eval_id);
    const TrialId trial = it == by_id.end() ? p.eval_id : trial_of(*it->second);
    if (!std::isfinite(p.value)) continue;
    curves[trial].push_back({p.step, p.value});
    x_hi = std::max(x_hi, p.step);
    y_lo = std::min(y_lo, p.value);
    y_hi = std::max(y_hi, p.value);
  }
  const bool log = c.info.direction == Direction::minimize && y_lo > 0.0 && y_hi / y_lo > 100.0;
  SvgPlot plot("learning-curves", {0.0, x_hi, false, "step (epoch or fidelity unit)", {}},
               {y_lo, y_hi, log, "reported value", {}});
  const TrialId best = best_trial(c);
  std::size_t drawn = 0;
  for (auto& [trial, points] : curves) {
    std::stable_sort(points.begin(), points.end(),
                     [](const Point& a, const Point& b) { return a.x < b.x; });
    if (trial == best || drawn++ >= kMaxCurves) continue;
    plot.polyline(points, "curve", "trial " + std::to_string(trial));
  }
  // Multi-fidelity: the rungs (fidelities where the scheduler compares trials) and the
  // promotions (a job that continued a paused trial, marked where it resumed).
  std::set<double> rungs;
  std::vector<Point> promotions;
  for (const Evaluation& ev : c.evaluations) {
    if (ev.rung >= 0) rungs.insert(ev.fidelity);
    if (ev.from_fidelity <= 0.0) continue;
    const auto it = curves.find(trial_of(ev));
    if (it == curves.end()) continue;
    for (const Point& p : it->second) {
      if (p.x == ev.from_fidelity) promotions.push_back(p);
    }
  }
  for (double r : rungs) plot.vline(r, "rung", "rung at " + number(r));
  plot.scatter(promotions, "promo", "promotion: a paused trial continued from here");
  const auto best_curve = curves.find(best);
  if (best_curve != curves.end()) {
    plot.polyline(best_curve->second, "curve-best", "the best trial, " + std::to_string(best));
  }
  std::string body = "<p>" + std::to_string(curves.size()) +
                     " trials' curves (grey; the best trial in red" +
                     (curves.size() > kMaxCurves + 1
                          ? ", the first " + std::to_string(kMaxCurves) + " others drawn"
                          : std::string()) +
                     ")" +
                     (has_trials(c) ? "; dashed purple lines: rungs; purple dots: promotions "
                                      "(a paused trial continued)"
                                    : std::string()) +
                     ".</p>";
  return section("curves", title, body + plot.svg());
}

} // namespace hpsearch::report::html
