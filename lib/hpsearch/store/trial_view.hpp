#pragma once
// TrialView: a checkpoint's rows grouped by trial (DESIGN.md §5b), for readers (`hpsearch
// show`, analysis): per trial its jobs in the order they were recorded, the fidelity it
// reached, its last objective, what became of it, and its learning curve across pauses.
#include "hpsearch/core/curve_point.hpp"
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/core/trial.hpp"
#include "hpsearch/store/reader.hpp"

#include <cmath>
#include <cstddef>
#include <vector>

namespace hpsearch {

struct TrialSummary {
  TrialId trial = -1;
  /// Indices into CheckpointContents::evaluations of the trial's jobs, in append order
  /// (the order the manager recorded them: a continuation after the job it continues).
  std::vector<std::size_t> jobs;
  /// The highest fidelity a job of the trial reached with a value (status ok or stopped);
  /// NaN when none did.
  double fidelity = 0.0;
  /// The objective of the last job with a value (NaN when none had one).
  double objective = 0.0;
  /// The decision and status of the trial's last recorded job: where the trial stands.
  TrialDecision decision = TrialDecision::finished;
  Status status = Status::ok;
  /// The /curves points of all its jobs, in step order; a step reported by several jobs
  /// (a script re-run from scratch to a higher fidelity) is kept once, from the latest job.
  std::vector<CurvePoint> curve;

  bool has_value() const { return !std::isnan(objective); }
};

/// The trials of `contents`, ordered by the first appearance of each trial in the file.
/// A row of a format-3 file (no trial columns) is a trial of its own (trial = id).
std::vector<TrialSummary> trial_view(const CheckpointContents& contents);

/// True when the file has multi-fidelity rows: a job that continued a trial
/// (from_fidelity > 0), ended at a rung, was paused or stopped by a rule, or worked for a
/// trial other than its own id.
bool has_trials(const CheckpointContents& contents);

} // namespace hpsearch
