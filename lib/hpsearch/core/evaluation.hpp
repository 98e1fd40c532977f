#pragma once
// Evaluation: one finished (or abandoned) job as the manager records it.
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/status.hpp"
#include "hpsearch/core/trial.hpp"

#include <cstdint>
#include <string>

namespace hpsearch {

using JobId = std::int64_t;

struct Evaluation {
  JobId id = -1;
  Config config;
  Status status = Status::ok;
  double objective = 0.0; ///< NaN unless status == ok
  int worker_rank = -1;
  std::string host;
  double submitted_at = 0.0; ///< wall-clock seconds since the Unix epoch
  double started_at = 0.0;
  double finished_at = 0.0;
  std::string message; ///< why it failed, empty when ok
  /// User metrics as one compact JSON object (core/job.hpp Outcome::metadata); empty: none.
  std::string metadata;
  // The trial lifecycle (core/trial.hpp). A full-fidelity search leaves trial = -1 (read as
  // the job's own id), from_fidelity 0, rung -1 and decision finished.
  double fidelity = 0.0;      ///< the fidelity the job trained to (0: the search has none)
  TrialId trial = -1;         ///< the trial the job worked for; -1: none (= id)
  double from_fidelity = 0.0; ///< > 0: the job continued the trial's state from there
  std::int32_t rung = -1;     ///< the scheduler's rung the job ended at; -1: none
  TrialDecision decision = TrialDecision::finished; ///< what became of the trial
  /// The trial whose saved state this job's trial started from (population-based training:
  /// its lineage; the copy step is from_fidelity); -1: none.
  TrialId parent = -1;
};

} // namespace hpsearch
