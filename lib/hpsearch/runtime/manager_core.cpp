#include "hpsearch/runtime/manager_core.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/lifecycle/scheduler_factory.hpp"

#include <cmath>

namespace hpsearch {

std::string_view to_string(StopReason reason) {
  switch (reason) {
  case StopReason::none:
    return "running";
  case StopReason::max_evals:
    return "max_evals reached";
  case StopReason::max_time:
    return "max_time reached";
  case StopReason::exhausted:
    return "search space exhausted";
  case StopReason::requested:
    return "stop requested";
  }
  return "unknown";
}

ManagerCore::ManagerCore(Scheduler& scheduler, ManagerOptions options, int workers, double now,
                         ResumePoint resume)
    : scheduler_(scheduler), options_(options), workers_(workers), start_(now),
      next_id_(resume.next_id), finished_before_(resume.finished),
      requeue_(resume.requeue.begin(), resume.requeue.end()) {
  if (workers < 1) throw Error::input("the manager needs at least one worker");
  stats_.workers = workers;
  stats_.completed = resume.finished;
  stats_.resumed = resume.finished;
  stats_.failed = resume.failed;
  stats_.best = std::move(resume.best);
  if (options_.max_evals <= finished_before_) stop(StopReason::max_evals);
}

ManagerCore::ManagerCore(Strategy& strategy, ManagerOptions options, int workers, double now,
                         ResumePoint resume)
    : ManagerCore(make_scheduler({.strategy = strategy,
                                  .direction = options.direction,
                                  .pruner = options.pruner,
                                  .multifidelity = std::nullopt,
                                  .first_trial = resume.next_id,
                                  .curves = resume.curves}),
                  options, workers, now, resume) {} // a copy: the curves are read meanwhile

ManagerCore::ManagerCore(std::unique_ptr<Scheduler> owned, ManagerOptions options, int workers,
                         double now, ResumePoint resume)
    : ManagerCore(*owned, options, workers, now, std::move(resume)) {
  owned_ = std::move(owned);
}

Actions ManagerCore::on_ready(int rank, const std::string& host, double now, double wall) {
  Actions out;
  auto& state = worker_states_[rank];
  if (state.job || state.shut_down) {
    throw Error::internal("worker " + std::to_string(rank) + " sent Ready twice");
  }
  state.host = host;
  const auto ticked = on_tick(now);
  out.insert(out.end(), ticked.begin(), ticked.end());
  serve(rank, wall, out);
  return out;
}

Actions ManagerCore::on_result(int rank, JobId job_id, const Outcome& outcome, double now,
                               double wall) {
  auto it = worker_states_.find(rank);
  if (it == worker_states_.end() || !it->second.job || it->second.job->id != job_id) {
    throw Error::internal("unexpected result for job " + std::to_string(job_id) + " from worker " +
                          std::to_string(rank));
  }
  WorkerState& state = it->second;
  Record record;
  record.requeue_of = state.requeue_of;
  record.evaluation = evaluation_of(rank, job_id, state, outcome);
  Evaluation& evaluation = record.evaluation;
  Job& job = *state.job;
  const TrialJob trial_job{job.trial, std::move(job.config), job.from_fidelity, job.fidelity,
                           state.rung};
  record.curve = std::move(state.curve);
  state.curve.clear();
  state.ended_by = ReportDecision::proceed;
  state.job.reset();
  --stats_.busy_workers;
  evaluation.decision = scheduler_.job_ended(trial_job, evaluation);
  count(evaluation);

  Actions out;
  out.push_back(std::move(record));
  if (state.abandoning) return out; // it finished just before it heard of the stop
  const auto ticked = on_tick(now);
  out.insert(out.end(), ticked.begin(), ticked.end());
  serve(rank, wall, out);
  serve_waiting(wall, out);
  return out;
}

Evaluation ManagerCore::evaluation_of(int rank, JobId job_id, const WorkerState& state,
                                      const Outcome& outcome) const {
  const Job& job = *state.job;
  const bool paused = outcome.status == Status::stopped && state.ended_by == ReportDecision::pause;
  Evaluation evaluation;
  evaluation.id = job_id;
  evaluation.config = job.config;
  // A paused job is a good result at a lower fidelity: ok, so that samplers learn from it.
  evaluation.status = paused ? Status::ok : outcome.status;
  // A stopped job keeps its last value (the strategy may use it); other failures have none.
  evaluation.objective = outcome.status == Status::ok || outcome.status == Status::stopped
                             ? outcome.objective
                             : std::numeric_limits<double>::quiet_NaN();
  if (paused && !std::isfinite(evaluation.objective) && !state.curve.empty()) {
    evaluation.objective = state.curve.back().value;
  }
  evaluation.worker_rank = rank;
  evaluation.host = state.host;
  evaluation.submitted_at = state.submitted_at;
  evaluation.started_at = outcome.started_at;
  evaluation.finished_at = outcome.finished_at;
  evaluation.message = outcome.message;
  evaluation.metadata = outcome.metadata;
  // The fidelity reached: the last step reported, else the fidelity it was sent to.
  evaluation.fidelity = state.curve.empty() ? job.fidelity : state.curve.back().step;
  evaluation.trial = job.trial;
  evaluation.from_fidelity = job.from_fidelity;
  evaluation.rung = state.rung;
  evaluation.parent = job.donor;
  return evaluation;
}

void ManagerCore::count(const Evaluation& evaluation) {
  ++stats_.completed;
  if (evaluation.decision == TrialDecision::paused) {
    ++stats_.paused;
  } else if (evaluation.status == Status::stopped) {
    ++stats_.stopped; // stopped early on purpose: not a failure
  } else if (evaluation.status != Status::ok) {
    ++stats_.failed;
  }
  if (evaluation.status == Status::ok && evaluation.decision != TrialDecision::paused &&
      (!stats_.best ||
       is_better(options_.direction, evaluation.objective, stats_.best->objective))) {
    stats_.best = evaluation;
  }
}

Actions ManagerCore::on_progress(int rank, JobId job_id, double step, double value,
                                 double /*now*/) {
  const auto it = worker_states_.find(rank);
  if (it == worker_states_.end() || !it->second.job || it->second.job->id != job_id) return {};
  WorkerState& state = it->second;
  state.curve.push_back(CurvePoint{job_id, step, value});
  Actions out;
  const ReportDecision decision = scheduler_.report(state.job->trial, step, value);
  if (decision != ReportDecision::proceed && state.ended_by == ReportDecision::proceed &&
      !state.abandoning) {
    state.ended_by = decision;
    out.push_back(StopJob{rank, job_id, decision});
  }
  return out;
}

Actions ManagerCore::on_tick(double now) {
  Actions out;
  if (dispatching() && elapsed(now) >= options_.max_time) {
    stop(StopReason::max_time);
    release_idle(out);
  }
  return out;
}

Actions ManagerCore::on_stop_request() {
  Actions out;
  if (dispatching()) stop(StopReason::requested);
  release_idle(out);
  for (auto& [rank, state] : worker_states_) {
    if (state.job && !state.abandoning && !state.shut_down) {
      state.abandoning = true;
      out.push_back(AbandonJob{rank});
    }
  }
  return out;
}

Actions ManagerCore::on_abandoned(int rank) {
  auto it = worker_states_.find(rank);
  if (it == worker_states_.end() || !it->second.abandoning || it->second.shut_down) {
    throw Error::internal("worker " + std::to_string(rank) +
                          " abandoned a job it was not asked to");
  }
  it->second.shut_down = true;
  ++shut_down_;
  return {};
}

std::vector<InFlight> ManagerCore::in_flight() const {
  std::vector<InFlight> out;
  for (const auto& [rank, state] : worker_states_) {
    if (state.job) {
      out.push_back({rank, &*state.job, state.submitted_at, &state.host, state.requeue_of});
    }
  }
  return out;
}

std::optional<TrialJob> ManagerCore::next_trial_job(JobId& requeue_of) {
  if (!requeue_.empty()) {
    Requeue r = std::move(requeue_.front());
    requeue_.pop_front();
    requeue_of = r.lost_id;
    // A job lost before trials existed was its own trial.
    return TrialJob{r.trial >= 0 ? r.trial : r.lost_id, std::move(r.config), r.from_fidelity,
                    r.fidelity, r.rung};
  }
  return scheduler_.next();
}

void ManagerCore::serve(int rank, double wall, Actions& out) {
  WorkerState& state = worker_states_[rank];
  if (state.shut_down || state.job) return;
  if (dispatching() && finished_before_ + stats_.submitted >= options_.max_evals) {
    stop(StopReason::max_evals);
  }
  JobId requeue_of = -1;
  std::optional<TrialJob> next;
  if (dispatching()) {
    next = next_trial_job(requeue_of);
    if (!next && !scheduler_.exhausted() && stats_.busy_workers > 0) {
      waiting_.insert(rank);
      return;
    }
    if (!next) stop(StopReason::exhausted);
  }
  if (!next) {
    shut_down(rank, out);
    release_idle(out);
    return;
  }
  waiting_.erase(rank);
  Job job;
  job.id = next_id_++;
  job.config = std::move(next->config);
  job.fidelity = next->to_fidelity;
  job.trial = next->trial;
  job.from_fidelity = next->from_fidelity;
  job.donor = scheduler_.donor_of(job.trial);
  job.seed = derive_seed(options_.seed, static_cast<std::uint64_t>(job.id));
  job.timeout = options_.eval_timeout;
  state.job = job;
  state.rung = next->rung;
  state.submitted_at = wall;
  state.requeue_of = requeue_of;
  ++stats_.submitted;
  ++stats_.busy_workers;
  out.push_back(SendJob{rank, std::move(job), requeue_of, state.host, wall, state.rung});
}

void ManagerCore::serve_waiting(double wall, Actions& out) {
  // serve() erases from waiting_ (and may shut every idle worker down): look the next rank
  // up again after each call rather than holding an iterator across it.
  int from = std::numeric_limits<int>::min();
  while (dispatching()) {
    const auto it = waiting_.lower_bound(from);
    if (it == waiting_.end()) return;
    const int rank = *it;
    from = rank + 1;
    serve(rank, wall, out);
  }
}

void ManagerCore::shut_down(int rank, Actions& out) {
  WorkerState& state = worker_states_[rank];
  if (state.shut_down || state.job) return;
  state.shut_down = true;
  ++shut_down_;
  waiting_.erase(rank);
  out.push_back(ShutdownWorker{rank});
}

void ManagerCore::release_idle(Actions& out) {
  // One sweep when dispatch stops: a worker idle after it is shut down by serve() (or
  // acknowledges its abandon), so sweeping again per result of the final drain would only
  // cost O(workers) each time (40 % of a 16,384-worker simulation's manager).
  if (dispatching() || released_) return;
  released_ = true;
  for (auto& [rank, state] : worker_states_) {
    if (!state.job && !state.shut_down) shut_down(rank, out);
  }
}

void ManagerCore::stop(StopReason reason) {
  if (stop_reason_ == StopReason::none) stop_reason_ = reason;
}

} // namespace hpsearch
