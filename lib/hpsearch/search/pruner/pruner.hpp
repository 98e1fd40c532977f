#pragma once
// Pruner: stops running jobs early from their progress reports (learning curves). The seam
// between the manager and every early-stopping rule: the median stopping rule today, a
// multi-fidelity scheduler (successive halving, ASHA) later. The manager calls report() for
// each progress report of a running job and stops the job when it answers stop; tells it
// when a job ends; and, on resume, replays the curves of the jobs earlier allocations
// finished, so the rule judges new jobs as if the search had never stopped.
//
// Steps are doubles end to end (core/curve_point.hpp): a report at step 1.5 is judged, and
// stored in /curves, at 1.5.
#include "hpsearch/core/curve_point.hpp"
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/core/status.hpp"

#include <span>
#include <string_view>

namespace hpsearch {

enum class PruneDecision { proceed, stop };

class Pruner {
public:
  virtual ~Pruner() = default;
  Pruner() = default;
  Pruner(const Pruner&) = delete;
  Pruner& operator=(const Pruner&) = delete;

  /// The name it is selected by (`search.pruner`).
  virtual std::string_view name() const = 0;
  /// `job` reached `step` with `value`: proceed, or stop it there. A non-finite step or
  /// value never stops a job.
  virtual PruneDecision report(JobId job, double step, double value) = 0;
  /// `job` ended with `status` (ok, failed, stopped, ...): no more reports come for it.
  virtual void job_ended(JobId job, Status status) = 0;
  /// The curves of jobs that earlier allocations finished, in the order they were stored:
  /// each point as a report, then each job as ended. Call before any report.
  virtual void resume(std::span<const CurvePoint> curves);
};

} // namespace hpsearch
