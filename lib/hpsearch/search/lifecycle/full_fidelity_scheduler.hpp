#pragma once
// FullFidelityScheduler: the Scheduler of every full-fidelity search (random, grid, AMBS,
// ...). One job per trial, at the evaluator's own fidelity (to_fidelity 0, no rungs); the
// configurations are the strategy's ask(), every result goes to its tell() as given; an
// optional stopping rule (search/pruner, the median rule) may stop a running job, never
// pause one. Its state is exactly the strategy's (save_state() returns the strategy's
// text), so checkpoints written before trials existed resume unchanged; the stopping rule's
// curves are rebuilt from the checkpoint's /curves (Pruner::resume) by whoever builds it.
#include "hpsearch/search/lifecycle/scheduler.hpp"
#include "hpsearch/search/pruner/pruner.hpp"
#include "hpsearch/search/strategy.hpp"

#include <memory>

namespace hpsearch {

class FullFidelityScheduler final : public Scheduler {
public:
  /// `strategy` must outlive the scheduler. `pruner` may be null (no job is stopped).
  /// Trials are numbered from `first_trial` on: a resumed search passes the first job id
  /// not used yet, so that its new trials never share an id with an earlier trial (whose
  /// curves the stopping rule keeps by that id).
  FullFidelityScheduler(Strategy& strategy, std::unique_ptr<Pruner> pruner,
                        TrialId first_trial = 0);

  std::optional<TrialJob> next() override;
  ReportDecision report(TrialId trial, double step, double value) override;
  TrialDecision job_ended(const TrialJob& job, const Evaluation& result) override;
  bool exhausted() const override { return exhausted_; }
  std::string_view name() const override { return strategy_.name(); }
  std::string save_state() const override { return strategy_.save_state(); }
  void restore_state(const std::string& state) override { strategy_.restore_state(state); }
  std::string summary() const override { return strategy_.summary(); }

private:
  Strategy& strategy_;
  std::unique_ptr<Pruner> pruner_;
  TrialId next_trial_;
  bool exhausted_ = false;
};

} // namespace hpsearch
