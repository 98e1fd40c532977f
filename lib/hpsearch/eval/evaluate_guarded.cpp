#include "hpsearch/eval/evaluate_guarded.hpp"

#include "hpsearch/core/clock.hpp"

#include <exception>
#include <string>

namespace hpsearch {

Outcome evaluate_guarded(Evaluator& evaluator, const Job& job, Reporter& reporter) {
  const double started = wall_seconds();
  try {
    return evaluator.evaluate(job, reporter);
  } catch (const std::exception& e) {
    Outcome outcome;
    outcome.status = Status::failed;
    outcome.started_at = started;
    outcome.finished_at = wall_seconds();
    outcome.message = std::string("evaluator raised: ") + e.what();
    return outcome;
  }
}

} // namespace hpsearch
