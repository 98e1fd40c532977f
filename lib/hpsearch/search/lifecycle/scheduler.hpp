#pragma once
// Scheduler: the search layer's side of the trial lifecycle (DESIGN.md §5b, core/trial.hpp).
// The manager (runtime/manager_core) drives it; it decides, whenever a worker is free, what
// that worker does next (start a new trial at some fidelity, or continue a paused one to a
// higher fidelity), answers every progress report (proceed, stop, pause), and learns how
// every job ended.
//
// Two families implement it:
//   * FullFidelityScheduler (full_fidelity_scheduler.hpp) wraps any Strategy (random, grid,
//     AMBS, ...): one job per trial at the evaluator's own fidelity; a stopping rule (the
//     median rule, search/pruner) may stop a job. This is how every search ran before
//     trials existed, and its save_state() is the strategy's, unchanged.
//   * Multi-fidelity schedulers (successive halving, Hyperband, ASHA, asynchronous
//     Hyperband, "one epoch"; search/multifidelity/) take a Strategy as their *sampler*: it
//     proposes the configurations of new trials and is told every result, at every fidelity
//     (Evaluation::fidelity says which).
//
// Contract:
//   * next() never blocks and never makes a worker wait on a rung: it returns a job, or
//     nullopt when it has nothing to hand out *now* (exhausted() says whether ever again).
//   * Every job next() returned is ended exactly once by job_ended(), in any order, with
//     any status (failed, timeout, stopped, or lost when an allocation ended under it; a
//     lost job is re-run by the manager under a new job id with the same TrialJob, and
//     job_ended() is called for the re-run only).
//   * report() is called for each progress report of a running job, with the step in the
//     evaluator's own units (the same units as fidelities).
//   * Deterministic for a seed: the same calls in the same order give the same answers.
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/core/trial.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

/// What a free worker should do for a trial: train `trial` (configuration `config`) from
/// `from_fidelity` (0: from scratch; > 0: from the trial's saved state) up to `to_fidelity`
/// (0: the evaluator's own full fidelity, for full-fidelity searches).
struct TrialJob {
  TrialId trial = -1;
  Config config;
  double from_fidelity = 0.0;
  double to_fidelity = 0.0;
  std::int32_t rung = -1; ///< the rung the job ends at (-1: the scheduler has no rungs)

  friend bool operator==(const TrialJob&, const TrialJob&) = default;
};

class Scheduler {
public:
  virtual ~Scheduler() = default;
  Scheduler() = default;
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  /// The next job for a free worker, or nullopt when there is nothing to hand out now.
  virtual std::optional<TrialJob> next() = 0;
  /// `trial`'s running job reached `step` with `value`. A non-finite step or value must
  /// never stop or pause a job.
  virtual ReportDecision report(TrialId trial, double step, double value) = 0;
  /// A job ended. `job` is what next() returned; `result` is the manager's record of it
  /// (status, objective, fidelity reached in `result.fidelity`: the last step reported, or
  /// `job.to_fidelity` when it ran to its end). Returns what becomes of the trial, which the
  /// manager records with the row (`result.decision` is not set yet).
  virtual TrialDecision job_ended(const TrialJob& job, const Evaluation& result) = 0;
  /// True when next() will never return a job again (a grid or a bracket schedule is done).
  virtual bool exhausted() const = 0;
  virtual std::string_view name() const = 0;
  /// The paused trials that will never be continued, decided since the last call (each
  /// returned once): the manager deletes their saved states (run.keep_trial_states). Empty
  /// by default; schedulers that retire paused trials for good say so here.
  virtual std::vector<TrialId> take_retired() { return {}; }
  /// The trial whose saved state `trial` starts from (a copy, made by the worker before
  /// the trial's first job), or -1 when it starts from scratch or from its own state. Asked
  /// for every job the manager sends, a re-run of a lost job included, so it must hold for
  /// every trial the scheduler ever handed out (population-based training's exploits).
  virtual TrialId donor_of(TrialId /*trial*/) const { return -1; }

  /// The complete mutable state (the sampler's included) as opaque text, saved in the
  /// checkpoint so that a resumed search continues where it stopped; restore_state() takes
  /// back what save_state() returned and throws hpsearch::Error (bad_input) on text it
  /// cannot parse. Jobs in flight at save time are re-run by the manager (see the contract).
  virtual std::string save_state() const = 0;
  virtual void restore_state(const std::string& state) = 0;

  /// Its strategy's (or sampler's) Strategy::summary(); empty by default.
  virtual std::string summary() const { return {}; }
};

} // namespace hpsearch
