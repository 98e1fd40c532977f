#pragma once
// MedianPruner: the median stopping rule (Golovin et al., "Google Vizier", 2017; Optuna's
// MedianPruner). A job is stopped at step s when its best value so far is strictly worse
// (by direction) than the median of the other jobs' best-so-far values at step s, once at
// least `min_jobs` other jobs have reported step s and s >= `warmup`. Steps are matched
// exactly (jobs report the same step grid, e.g. epochs).
//
// Pure and in memory: every job's curve, kept by step, for the whole search (finished and
// stopped jobs count too). One report costs O(jobs that reached the step).
#include "hpsearch/core/direction.hpp"
#include "hpsearch/search/pruner/pruner.hpp"

#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

namespace hpsearch {

struct MedianPrunerOptions {
  Direction direction = Direction::minimize;
  double warmup = 0.0;       ///< no job is stopped at a step below this
  std::int64_t min_jobs = 5; ///< other jobs that must have reached a step to judge it
};

class MedianPruner final : public Pruner {
public:
  /// Throws hpsearch::Error when min_jobs < 1.
  explicit MedianPruner(MedianPrunerOptions options);

  std::string_view name() const override { return "median"; }
  /// Records that `job` reached `step` with `value`; stop when it should stop there.
  /// A non-finite step or value is ignored (never stops, never counts).
  PruneDecision report(JobId job, double step, double value) override;
  /// Its curve stays: finished and stopped jobs keep counting at the steps they reached.
  void job_ended(JobId job, Status status) override;

  /// The median of the other jobs' best-so-far values at `step`, or NaN when fewer than
  /// min_jobs other jobs have reached it.
  double median_of_others(JobId job, double step) const;
  const MedianPrunerOptions& options() const { return options_; }

private:
  /// Best-so-far of each job that reported the step, by job.
  using StepValues = std::unordered_map<JobId, double>;

  MedianPrunerOptions options_;
  std::map<double, StepValues> by_step_;
  std::unordered_map<JobId, double> best_; ///< each running job's best value so far
  mutable std::vector<double> scratch_;
};

} // namespace hpsearch
