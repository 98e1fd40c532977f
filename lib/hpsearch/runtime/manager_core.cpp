#include "hpsearch/runtime/manager_core.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/pruner/pruner_factory.hpp"

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

ManagerCore::ManagerCore(Strategy& strategy, ManagerOptions options, int workers, double now,
                         ResumePoint resume)
    : strategy_(strategy), options_(options), workers_(workers), start_(now),
      next_id_(resume.next_id), finished_before_(resume.finished),
      requeue_(resume.requeue.begin(), resume.requeue.end()),
      pruner_(make_pruner(options_.pruner, options_.direction)) {
  if (workers < 1) throw Error::input("the manager needs at least one worker");
  stats_.workers = workers;
  stats_.completed = resume.finished;
  stats_.resumed = resume.finished;
  stats_.failed = resume.failed;
  stats_.best = std::move(resume.best);
  if (options_.max_evals <= finished_before_) stop(StopReason::max_evals);
  if (pruner_) pruner_->resume(resume.curves);
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
  record.evaluation.fidelity = state.job->fidelity;
  record.requeue_of = state.requeue_of;
  Evaluation& evaluation = record.evaluation;
  evaluation.id = job_id;
  evaluation.config = std::move(state.job->config);
  evaluation.status = outcome.status;
  // A stopped job keeps its last value (the strategy may use it); other failures have none.
  evaluation.objective = outcome.status == Status::ok || outcome.status == Status::stopped
                             ? outcome.objective
                             : std::numeric_limits<double>::quiet_NaN();
  evaluation.worker_rank = rank;
  evaluation.host = state.host;
  evaluation.submitted_at = state.submitted_at;
  evaluation.started_at = outcome.started_at;
  evaluation.finished_at = outcome.finished_at;
  evaluation.message = outcome.message;
  record.curve = std::move(state.curve);
  state.curve.clear();
  state.stop_sent = false;
  state.job.reset();
  if (pruner_) pruner_->job_ended(job_id, evaluation.status);
  --stats_.busy_workers;
  ++stats_.completed;
  if (evaluation.status == Status::stopped) {
    ++stats_.stopped; // stopped early on purpose: not a failure
  } else if (evaluation.status != Status::ok) {
    ++stats_.failed;
  }
  if (evaluation.status == Status::ok &&
      (!stats_.best ||
       is_better(options_.direction, evaluation.objective, stats_.best->objective))) {
    stats_.best = evaluation;
  }

  strategy_.tell(evaluation);
  Actions out;
  out.push_back(std::move(record));
  if (state.abandoning) return out; // it finished just before it heard of the stop
  const auto ticked = on_tick(now);
  out.insert(out.end(), ticked.begin(), ticked.end());
  serve(rank, wall, out);
  return out;
}

Actions ManagerCore::on_progress(int rank, JobId job_id, double step, double value,
                                 double /*now*/) {
  const auto it = worker_states_.find(rank);
  if (it == worker_states_.end() || !it->second.job || it->second.job->id != job_id) return {};
  WorkerState& state = it->second;
  state.curve.push_back(CurvePoint{job_id, step, value});
  Actions out;
  if (pruner_ && pruner_->report(job_id, step, value) == PruneDecision::stop && !state.stop_sent &&
      !state.abandoning) {
    state.stop_sent = true;
    out.push_back(StopJob{rank, job_id});
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

void ManagerCore::serve(int rank, double wall, Actions& out) {
  WorkerState& state = worker_states_[rank];
  if (state.shut_down) return;
  if (dispatching() && finished_before_ + stats_.submitted >= options_.max_evals) {
    stop(StopReason::max_evals);
  }
  std::optional<Config> config;
  JobId requeue_of = -1;
  double fidelity = 0.0;
  if (dispatching() && !requeue_.empty()) {
    config = std::move(requeue_.front().config);
    requeue_of = requeue_.front().lost_id;
    fidelity = requeue_.front().fidelity;
    requeue_.pop_front();
  } else if (dispatching()) {
    config = strategy_.ask();
    if (!config) stop(StopReason::exhausted);
  }
  if (!config) {
    shut_down(rank, out);
    release_idle(out);
    return;
  }
  Job job;
  job.id = next_id_++;
  job.config = std::move(*config);
  job.fidelity = fidelity;
  job.seed = derive_seed(options_.seed, static_cast<std::uint64_t>(job.id));
  job.timeout = options_.eval_timeout;
  state.job = job;
  state.submitted_at = wall;
  state.requeue_of = requeue_of;
  ++stats_.submitted;
  ++stats_.busy_workers;
  out.push_back(SendJob{rank, std::move(job), requeue_of, state.host, wall});
}

void ManagerCore::shut_down(int rank, Actions& out) {
  WorkerState& state = worker_states_[rank];
  if (state.shut_down || state.job) return;
  state.shut_down = true;
  ++shut_down_;
  out.push_back(ShutdownWorker{rank});
}

void ManagerCore::release_idle(Actions& out) {
  if (dispatching()) return;
  for (auto& [rank, state] : worker_states_) {
    if (!state.job && !state.shut_down) shut_down(rank, out);
  }
}

void ManagerCore::stop(StopReason reason) {
  if (stop_reason_ == StopReason::none) stop_reason_ = reason;
}

} // namespace hpsearch
