#include "hpsearch/search/lifecycle/full_fidelity_scheduler.hpp"

#include <utility>

namespace hpsearch {

FullFidelityScheduler::FullFidelityScheduler(Strategy& strategy, std::unique_ptr<Pruner> pruner,
                                             TrialId first_trial)
    : strategy_(strategy), pruner_(std::move(pruner)), next_trial_(first_trial) {}

std::optional<TrialJob> FullFidelityScheduler::next() {
  if (exhausted_) return std::nullopt;
  std::optional<Config> config = strategy_.ask();
  if (!config) {
    exhausted_ = true; // a strategy that had nothing once (an exhausted grid) never has again
    return std::nullopt;
  }
  TrialJob job;
  job.trial = next_trial_++;
  job.config = std::move(*config);
  return job;
}

ReportDecision FullFidelityScheduler::report(TrialId trial, double step, double value) {
  if (pruner_ && pruner_->report(trial, step, value) == PruneDecision::stop) {
    return ReportDecision::stop;
  }
  return ReportDecision::proceed;
}

TrialDecision FullFidelityScheduler::job_ended(const TrialJob& job, const Evaluation& result) {
  if (pruner_) pruner_->job_ended(job.trial, result.status);
  strategy_.tell(result);
  return result.status == Status::stopped ? TrialDecision::stopped : TrialDecision::finished;
}

} // namespace hpsearch
