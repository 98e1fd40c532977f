#include "hpsearch/eval/continuation_reporter.hpp"

namespace hpsearch {

bool ContinuationReporter::report(double step, double value) {
  if (from_fidelity_ > 0.0 && step <= from_fidelity_) {
    ++repeated_;
    return inner_.stop_requested();
  }
  return inner_.report(step, value);
}

} // namespace hpsearch
