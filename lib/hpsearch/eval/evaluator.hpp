#pragma once
// Evaluator: the worker-side interface that turns a Job into an Outcome. An evaluator
// never throws for a failing evaluation; it returns Status::failed with a message.
#include "hpsearch/core/job.hpp"
#include "hpsearch/eval/reporter.hpp"

namespace hpsearch {

class Evaluator {
public:
  virtual ~Evaluator() = default;
  Evaluator() = default;
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  /// Evaluates `job`, streaming intermediate values through `reporter`.
  virtual Outcome evaluate(const Job& job, Reporter& reporter) = 0;
};

} // namespace hpsearch
