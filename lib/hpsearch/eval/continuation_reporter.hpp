#pragma once
// ContinuationReporter: the Reporter an evaluator hands its training code for a job that
// continues a trial (Job::from_fidelity > 0). Training code that did not save its state
// re-runs from step 0; the steps up to from_fidelity were reported by the trial's earlier
// jobs already, so they are not forwarded again (the trial's curve is recorded once).
// Steps after from_fidelity go through unchanged, and so does every step of a job with
// from_fidelity 0.
#include "hpsearch/eval/reporter.hpp"

#include <cstddef>

namespace hpsearch {

class ContinuationReporter final : public Reporter {
public:
  ContinuationReporter(Reporter& inner, double from_fidelity)
      : inner_(inner), from_fidelity_(from_fidelity) {}

  /// Forwards (step, value) when step > from_fidelity; else drops it and answers what
  /// stop_requested() says.
  bool report(double step, double value) override;
  bool stop_requested() override { return inner_.stop_requested(); }
  ReportDecision decision() override { return inner_.decision(); }

  /// Reports dropped as repeats of earlier jobs' steps.
  std::size_t repeated() const { return repeated_; }

private:
  Reporter& inner_;
  double from_fidelity_;
  std::size_t repeated_ = 0;
};

} // namespace hpsearch
