#pragma once
// Job: what the manager asks a worker to evaluate. Outcome: what the evaluator returns.
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/core/status.hpp"
#include "hpsearch/core/trial.hpp"

#include <cstdint>
#include <limits>
#include <string>

namespace hpsearch {

struct Job {
  JobId id = -1;
  Config config;
  double fidelity = 0.0;      ///< train up to this (e.g. epochs); 0 when the search has no fidelity
  TrialId trial = -1;         ///< the trial it works for (core/trial.hpp); -1: none (= id)
  double from_fidelity = 0.0; ///< > 0: continue the trial's saved state from this fidelity
  /// >= 0: the trial starts from a copy of this trial's saved state (population-based
  /// training's exploit: the donor's state, at from_fidelity); -1: none.
  TrialId donor = -1;
  std::uint64_t seed = 0; ///< per-job seed, derived from run.seed and the job id
  double timeout = 0.0;   ///< seconds; 0 means none
};

struct Outcome {
  Status status = Status::ok;
  double objective = std::numeric_limits<double>::quiet_NaN();
  double started_at = 0.0; ///< wall-clock seconds since the Unix epoch
  double finished_at = 0.0;
  std::string message;
  /// User metrics as one compact JSON object ({"train_time": 12.5, "params": 1024}): the
  /// "metadata" a command printed, or the trainer's own; empty when there are none.
  std::string metadata;
};

} // namespace hpsearch
