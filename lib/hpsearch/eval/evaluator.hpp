#pragma once
// Evaluator: the worker-side interface that turns a Job into an Outcome. An evaluator
// never throws for a failing evaluation; it returns Status::failed with a message.
#include "hpsearch/core/job.hpp"

namespace hpsearch {

class Evaluator {
public:
  virtual ~Evaluator() = default;
  Evaluator() = default;
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  virtual Outcome evaluate(const Job& job) = 0;
};

} // namespace hpsearch
