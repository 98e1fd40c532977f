#include "hpsearch/search/multifidelity/asha.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/search/multifidelity/multifidelity_options.hpp"

#include <cmath>
#include <string>

namespace hpsearch {

namespace {

/// A reported step has reached a rung's fidelity (within a relative 1e-9).
bool reached(double step, double fidelity) {
  return step >= fidelity * (1.0 - 1e-9);
}

std::size_t bracket_count(const MultiFidelityOptions& options, std::size_t rungs) {
  if (options.kind == SchedulerKind::asha) return 1;
  if (options.kind != SchedulerKind::async_hyperband) {
    throw Error::internal(std::string("AshaScheduler cannot run ") +
                          std::string(scheduler_kinds.name_of(options.kind)));
  }
  if (options.brackets < 0 || static_cast<std::size_t>(options.brackets) > rungs) {
    throw Error::input("search.brackets: expected 0 (one per rung) to " + std::to_string(rungs) +
                       " (the number of rungs), got " + std::to_string(options.brackets));
  }
  return options.brackets == 0 ? rungs : static_cast<std::size_t>(options.brackets);
}

} // namespace

AshaScheduler::AshaScheduler(const MultiFidelityOptions& options, std::unique_ptr<Strategy> sampler,
                             Direction direction, std::uint64_t seed)
    : options_(options), sampler_(std::move(sampler)), direction_(direction), rng_(seed),
      fidelities_(rung_fidelities(options)) {
  if (!sampler_) throw Error::internal("AshaScheduler needs a sampler");
  rungs_.assign(bracket_count(options, fidelities_.size()),
                std::vector<Rung>(fidelities_.size(), Rung(direction)));
}

std::optional<TrialJob> AshaScheduler::next() {
  if (auto job = promote()) return job;
  if (auto job = start_trial()) return job;
  // The sampler may just have run out, which widens every rung's top (top_quota).
  return promote();
}

std::optional<TrialJob> AshaScheduler::promote() {
  if (options_.variant != AshaVariant::promotion) return std::nullopt;
  for (std::size_t k = last_rung(); k-- > 0;) {
    for (std::size_t b = 0; b < rungs_.size() && b <= k; ++b) {
      Rung& rung = rungs_[b][k];
      const std::size_t quota =
          top_quota(rung.size(), options_.reduction_factor, sampler_exhausted_);
      const std::optional<TrialId> trial = rung.promotable(quota);
      if (!trial) continue;
      rung.mark_promoted(*trial);
      Trial& t = trials_.at(static_cast<std::size_t>(*trial));
      t.phase = Phase::running;
      return TrialJob{*trial, t.config, fidelities_[k], fidelities_[k + 1],
                      static_cast<std::int32_t>(k + 1)};
    }
  }
  return std::nullopt;
}

std::optional<TrialJob> AshaScheduler::start_trial() {
  if (sampler_exhausted_) return std::nullopt;
  std::optional<Config> config = sampler_->ask();
  if (!config) {
    sampler_exhausted_ = true;
    return std::nullopt;
  }
  const std::size_t bracket = draw_bracket();
  const auto id = static_cast<TrialId>(trials_.size());
  trials_.push_back({*config, bracket, Phase::running});
  const std::size_t rung = options_.variant == AshaVariant::promotion ? bracket : last_rung();
  return TrialJob{id, std::move(*config), 0.0, fidelities_[rung], static_cast<std::int32_t>(rung)};
}

std::size_t AshaScheduler::draw_bracket() {
  if (rungs_.size() == 1) return 0;
  // Ray Tune's AsyncHyperBandScheduler: weight e^(rungs of s - rungs of bracket 0).
  std::vector<double> weights(rungs_.size());
  double total = 0.0;
  for (std::size_t s = 0; s < weights.size(); ++s) {
    weights[s] = std::exp(-static_cast<double>(s));
    total += weights[s];
  }
  double u = rng_.uniform() * total;
  for (std::size_t s = 0; s + 1 < weights.size(); ++s) {
    if (u < weights[s]) return s;
    u -= weights[s];
  }
  return weights.size() - 1;
}

ReportDecision AshaScheduler::report(TrialId trial, double step, double value) {
  if (options_.variant != AshaVariant::stopping || !std::isfinite(step) || !std::isfinite(value) ||
      trial < 0 || static_cast<std::size_t>(trial) >= trials_.size()) {
    return ReportDecision::proceed;
  }
  const Trial& t = trials_[static_cast<std::size_t>(trial)];
  if (t.phase != Phase::running) return ReportDecision::proceed;
  // Ray: the highest rung below the last that the step has reached; judged once per trial.
  for (std::size_t k = last_rung(); k-- > t.bracket;) {
    if (!reached(step, fidelities_[k])) continue;
    Rung& rung = rungs_[t.bracket][k];
    if (rung.contains(trial)) return ReportDecision::proceed;
    const std::optional<double> cutoff = rung.cutoff(options_.reduction_factor);
    rung.record(trial, value, true);
    return cutoff && score(direction_, value) < *cutoff ? ReportDecision::stop
                                                        : ReportDecision::proceed;
  }
  return ReportDecision::proceed;
}

TrialDecision AshaScheduler::job_ended(const TrialJob& job, const Evaluation& result) {
  if (job.trial < 0 || static_cast<std::size_t>(job.trial) >= trials_.size()) {
    throw Error::internal("AshaScheduler: job_ended for unknown trial " +
                          std::to_string(job.trial));
  }
  told_.push_back({job.trial, job.rung, result.status, result.objective, result.fidelity,
                   result.from_fidelity});
  tell_sampler(told_.back());
  if (options_.variant == AshaVariant::promotion) return record_promotion_result(job, result);
  Trial& t = trials_[static_cast<std::size_t>(job.trial)];
  t.phase = Phase::ended;
  if (result.status == Status::stopped) return TrialDecision::stopped;
  if (result.status == Status::ok) {
    rungs_[t.bracket][last_rung()].record(job.trial, result.objective, true);
  }
  return TrialDecision::finished;
}

void AshaScheduler::tell_sampler(const Told& told) {
  Evaluation e;
  e.config = trials_.at(static_cast<std::size_t>(told.trial)).config;
  e.status = told.status;
  e.objective = told.objective;
  e.fidelity = told.fidelity;
  e.trial = told.trial;
  e.from_fidelity = told.from_fidelity;
  e.rung = told.rung;
  sampler_->tell(e);
}

TrialDecision AshaScheduler::record_promotion_result(const TrialJob& job,
                                                     const Evaluation& result) {
  Trial& t = trials_[static_cast<std::size_t>(job.trial)];
  const auto k = static_cast<std::size_t>(job.rung);
  if (job.rung < 0 || k > last_rung() || k < t.bracket) {
    throw Error::internal("AshaScheduler: job of trial " + std::to_string(job.trial) +
                          " ended at rung " + std::to_string(job.rung) + ", outside its bracket");
  }
  const bool ok = result.status == Status::ok && std::isfinite(result.objective);
  rungs_[t.bracket][k].record(job.trial, result.objective, ok);
  if (!ok) {
    t.phase = Phase::ended;
    return result.status == Status::stopped ? TrialDecision::stopped : TrialDecision::finished;
  }
  t.phase = k == last_rung() ? Phase::ended : Phase::paused;
  return k == last_rung() ? TrialDecision::finished : TrialDecision::paused;
}

bool AshaScheduler::exhausted() const {
  if (!sampler_exhausted_) return false;
  for (const Trial& t : trials_) {
    if (t.phase == Phase::running) return false;
  }
  if (options_.variant != AshaVariant::promotion) return true;
  for (std::size_t b = 0; b < rungs_.size(); ++b) {
    for (std::size_t k = b; k < last_rung(); ++k) {
      const Rung& rung = rungs_[b][k];
      if (rung.promotable(top_quota(rung.size(), options_.reduction_factor, true))) {
        return false;
      }
    }
  }
  return true;
}

} // namespace hpsearch
