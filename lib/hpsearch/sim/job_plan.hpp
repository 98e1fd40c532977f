#pragma once
// JobModel: what a virtual worker does with a Job, decided when the job starts: its steps,
// each with a duration drawn from the DurationModel and the objective's value at its end.
//
// A plain test function is one step (one draw; no progress report), as the real
// FunctionEvaluator sleeps once. A learning-curve function trains the whole steps
// floor(from_fidelity) + 1 .. floor(fidelity) (0: all 27), one draw per step (a job from a
// to b lasts b - a draws), and reports each step's value, as the real evaluator does. With
// duration kind objective, the draws are the real evaluator's own (its sleep_seconds of the
// job's seed, per step the seed derived from it and the step).
#include "hpsearch/core/job.hpp"
#include "hpsearch/eval/function_evaluator.hpp"
#include "hpsearch/sim/duration_model.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace hpsearch {

struct PlannedStep {
  double duration = 0.0; ///< virtual seconds
  double step = 0.0;     ///< the step reported (learning curves)
  double value = 0.0;    ///< the objective at its end
};

struct JobPlan {
  std::vector<PlannedStep> steps; ///< at least one
  bool reports = false;           ///< a learning curve: each step is a progress report
  Status status = Status::ok;     ///< of the job run to its end
  std::string message;            ///< why it failed
};

class JobModel {
public:
  /// `evaluator`: the function and the parameters it reads, and (duration kind objective)
  /// the sleeps a real worker would draw. `seed`: the durations' own stream (other kinds).
  JobModel(const FunctionEvaluator& evaluator, DurationModel duration, std::uint64_t seed)
      : evaluator_(evaluator), duration_(std::move(duration)), seed_(seed) {}

  /// Deterministic in the job (its id and config) and the seed.
  JobPlan plan(const Job& job) const;

private:
  double draw(const Job& job, std::int64_t step) const;

  const FunctionEvaluator& evaluator_;
  DurationModel duration_;
  std::uint64_t seed_;
};

} // namespace hpsearch
