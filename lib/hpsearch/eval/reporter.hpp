#pragma once
// Reporter: how an evaluator streams intermediate values (a learning curve) to the
// manager while a job runs, and learns that the manager decided to end the job early.
//
// The contract for evaluators: call report(step, value) whenever a new intermediate value
// exists; when it (or stop_requested()) returns true, end the evaluation promptly and
// return Status::stopped with the last reported value as the objective. decision() says
// why: stop (the trial ends for good) or pause (the scheduler will continue the trial
// later: an evaluator that can save the trial's training state saves it before returning;
// the manager records a paused job as ok at the fidelity reached).
#include "hpsearch/core/trial.hpp"

namespace hpsearch {

class Reporter {
public:
  virtual ~Reporter() = default;
  Reporter() = default;
  Reporter(const Reporter&) = delete;
  Reporter& operator=(const Reporter&) = delete;

  /// Forwards (step, value) to the manager. Returns true when the manager has decided to
  /// end this job, by stop or pause (the decision may arrive after a later report; never
  /// blocks on it).
  virtual bool report(double step, double value) = 0;
  /// True once the manager has decided to end this job (stop or pause).
  virtual bool stop_requested() = 0;
  /// The manager's decision so far: proceed, stop or pause. The default knows only stop.
  virtual ReportDecision decision() {
    return stop_requested() ? ReportDecision::stop : ReportDecision::proceed;
  }
  /// True once the manager has decided to pause this job (a stop_requested() that keeps
  /// the trial's state).
  bool pause_requested() { return decision() == ReportDecision::pause; }
};

/// A reporter that drops every value and never stops: for evaluations outside a search
/// (unit tests, benchmarks, `hpsearch` tools that evaluate one configuration).
class NullReporter final : public Reporter {
public:
  bool report(double, double) override { return false; }
  bool stop_requested() override { return false; }
};

} // namespace hpsearch
