#pragma once
// Reporter: how an evaluator streams intermediate values (a learning curve) to the
// manager while a job runs, and learns that the manager decided to stop the job early.
//
// The contract for evaluators: call report(step, value) whenever a new intermediate value
// exists; when it (or stop_requested()) returns true, end the evaluation promptly and
// return Status::stopped with the last reported value as the objective.
namespace hpsearch {

class Reporter {
public:
  virtual ~Reporter() = default;
  Reporter() = default;
  Reporter(const Reporter&) = delete;
  Reporter& operator=(const Reporter&) = delete;

  /// Forwards (step, value) to the manager. Returns true when the manager has decided to
  /// stop this job (the decision may arrive after a later report; never blocks on it).
  virtual bool report(double step, double value) = 0;
  /// True once the manager has decided to stop this job.
  virtual bool stop_requested() = 0;
};

/// A reporter that drops every value and never stops: for evaluations outside a search
/// (unit tests, benchmarks, `hpsearch` tools that evaluate one configuration).
class NullReporter final : public Reporter {
public:
  bool report(double, double) override { return false; }
  bool stop_requested() override { return false; }
};

} // namespace hpsearch
