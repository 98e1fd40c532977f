#pragma once
// What ManagerCore asks its transport to do, in order. The transport executes the actions
// of one event in sequence: a Record is always written (and flushed) before the SendJob
// that follows it, so no worker gets new work before its last result is durable.
#include "hpsearch/core/curve_point.hpp"
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/core/job.hpp"
#include "hpsearch/core/trial.hpp"

#include <string>
#include <variant>
#include <vector>

namespace hpsearch {

struct SendJob {
  int rank = -1;
  Job job;
  JobId requeue_of = -1;     ///< the lost job this one re-runs, or -1
  std::string host;          ///< the worker's host
  double submitted_at = 0.0; ///< wall-clock seconds
  std::int32_t rung = -1;    ///< the scheduler's rung the job ends at (-1: none)
};

struct Record {
  Evaluation evaluation;
  JobId requeue_of = -1;
  std::vector<CurvePoint> curve; ///< its progress reports, written with the row
};

struct ShutdownWorker {
  int rank = -1;
};

/// Stop evaluating (graceful stop): the worker abandons its job and acknowledges.
struct AbandonJob {
  int rank = -1;
};

/// The scheduler decided that `job_id`, running on `rank`, should end now: for good
/// (`decision` stop: the stopping rule) or keeping its saved state (pause: the trial may be
/// continued later). The transport sends Decision(stop) or Decision(pause). Nothing to make
/// durable: the job's result records the outcome.
struct StopJob {
  int rank = -1;
  JobId job_id = -1;
  ReportDecision decision = ReportDecision::stop; ///< stop or pause, never proceed
};

using Action = std::variant<SendJob, Record, ShutdownWorker, AbandonJob, StopJob>;
using Actions = std::vector<Action>;

} // namespace hpsearch
