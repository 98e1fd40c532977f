#pragma once
// AshaScheduler: asynchronous successive halving (`search.strategy: asha`, Li et al. 2020)
// and asynchronous Hyperband (`async_hyperband`: ASHA over several brackets), in both
// variants (multifidelity_options.hpp). Rung k's fidelity is multifidelity_options.hpp's; bracket s
// starts its trials at rung s and keeps its own rung tables (Rung, rung.hpp).
//
// promotion: whenever a worker is free, the best not-yet-promoted trial in the top 1/eta
//   of the highest rung that has one (over all brackets; at equal rung the lower bracket
//   first) continues from its saved state to the next rung (TrialJob from_fidelity = its
//   rung's fidelity); otherwise a new trial from the sampler runs from scratch to its
//   bracket's first rung. A job ends at its rung: the trial is paused there (finished at
//   the last rung). A failed, timed-out or stopped job ranks last in the rung it aimed at.
// stopping: every trial runs from scratch to max_fidelity; the first report at or past a
//   rung's fidelity (the highest such rung not yet recorded for the trial) is judged
//   against the rung's results so far and the job stops unless its score is at least the
//   (1 - 1/eta) percentile of them (Ray Tune's ASHAScheduler; a first result always goes on).
//
// New trials of async_hyperband draw their bracket at random (seeded, saved with the
// state) as Ray Tune's AsyncHyperBandScheduler does: P(bracket s) proportional to
// e^(number of rungs of s), so brackets that start low (more rungs) are preferred.
//
// When the sampler runs out (a grid), a rung's top 1/eta becomes ceil(n / eta) instead of
// floor(n / eta) (rung.hpp: top_quota), so that a finite set still finishes its best trials.
// The sampler is told every job's result, Evaluation::fidelity set to the fidelity reached.
// Those results are part of the saved state: restore_state() tells them again to the
// sampler (a fresh one: the scheduler is restored before it runs) before restoring the
// sampler's own state, as a resume replays a full-fidelity strategy's rows, so a sampler
// that learns from its results (AMBS) continues exactly.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/lifecycle/scheduler.hpp"
#include "hpsearch/search/multifidelity/multifidelity_options.hpp"
#include "hpsearch/search/multifidelity/rung.hpp"
#include "hpsearch/search/strategy.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace hpsearch {

class AshaScheduler final : public Scheduler {
public:
  /// options.kind is asha (one bracket) or async_hyperband (options.brackets brackets, 0:
  /// one per rung). Throws hpsearch::Error (bad_input) on bad fidelities
  /// (multifidelity_options.hpp) or more brackets than rungs.
  AshaScheduler(const MultiFidelityOptions& options, std::unique_ptr<Strategy> sampler,
                Direction direction, std::uint64_t seed);

  std::optional<TrialJob> next() override;
  ReportDecision report(TrialId trial, double step, double value) override;
  TrialDecision job_ended(const TrialJob& job, const Evaluation& result) override;
  bool exhausted() const override;
  std::string_view name() const override { return scheduler_kinds.name_of(options_.kind); }
  std::string summary() const override { return sampler_->summary(); }
  std::string save_state() const override;
  void restore_state(const std::string& state) override;

  const std::vector<double>& fidelities() const { return fidelities_; }
  std::size_t brackets() const { return rungs_.size(); }
  /// Rung `k` of `bracket` (k >= bracket).
  const Rung& rung(std::size_t bracket, std::size_t k) const { return rungs_.at(bracket).at(k); }

private:
  enum class Phase : std::uint8_t { running, paused, ended };
  struct Trial {
    Config config;
    std::size_t bracket = 0;
    Phase phase = Phase::running;
  };

  std::size_t last_rung() const { return fidelities_.size() - 1; }
  std::optional<TrialJob> promote();
  std::optional<TrialJob> start_trial();
  std::size_t draw_bracket();
  TrialDecision record_promotion_result(const TrialJob& job, const Evaluation& result);

  /// A result told to the sampler (its configuration is its trial's).
  struct Told {
    TrialId trial = -1;
    std::int32_t rung = -1;
    Status status = Status::ok;
    double objective = 0.0;
    double fidelity = 0.0;
    double from_fidelity = 0.0;
  };
  void tell_sampler(const Told& told);

  MultiFidelityOptions options_;
  std::unique_ptr<Strategy> sampler_;
  Direction direction_;
  Rng rng_;
  std::vector<double> fidelities_;
  std::vector<std::vector<Rung>> rungs_; ///< [bracket][rung], rungs below the bracket unused
  std::vector<Trial> trials_;            ///< by TrialId
  std::vector<Told> told_;               ///< every result told to the sampler, in order
  bool sampler_exhausted_ = false;
};

} // namespace hpsearch
