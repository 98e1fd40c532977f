#pragma once
// Trials and the lifecycle's value types (DESIGN.md §5b). A *trial* is one configuration
// followed through its life; a *job* (core/job.hpp) is one piece of work a worker does for
// it: train trial T from fidelity `from_fidelity` to `fidelity` (epochs, or any step unit
// the evaluator reports), starting from T's saved state when from_fidelity > 0.
//
// Full-fidelity searches have one job per trial (trial id = job id, from_fidelity 0).
// Both enums below are stored in the checkpoint (HDF5 enum types): never renumber them.
#include "hpsearch/core/registry.hpp"

#include <array>
#include <cstdint>
#include <string_view>

namespace hpsearch {

using TrialId = std::int64_t;

/// The search layer's answer to a progress report of a running job.
enum class ReportDecision : std::int8_t {
  proceed = 0, ///< go on (the default: costs no message)
  stop = 1,    ///< end the job now; the trial ends for good (TrialDecision::stopped)
  pause = 2,   ///< end the job at the current step and keep its saved state (paused)
};

/// What became of a trial when one of its jobs ended; one per checkpoint row.
enum class TrialDecision : std::int8_t {
  finished = 0, ///< the trial is complete: it reached its last fidelity (a full-fidelity
                ///< job: always), or its job failed / timed out (the status says which)
  paused = 1,   ///< kept, with its saved state, at the fidelity reached; may be continued
                ///< (promoted) by a later job, whose row has from_fidelity > 0
  stopped = 2,  ///< ended for good by a rule before its last fidelity; its state may go
};

inline constexpr Registry trial_decisions{"trial decision",
                                          std::array{Named{"finished", TrialDecision::finished},
                                                     Named{"paused", TrialDecision::paused},
                                                     Named{"stopped", TrialDecision::stopped}}};

inline constexpr std::string_view to_string(TrialDecision decision) {
  return trial_decisions.name_of(decision);
}

} // namespace hpsearch
