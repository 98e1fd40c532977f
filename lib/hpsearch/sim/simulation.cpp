#include "hpsearch/sim/simulation.hpp"

#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/manager_loop.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace hpsearch {

namespace {
constexpr int kManager = 0;
const std::string kHost = "simulated";
} // namespace

Simulation::Simulation(ManagerCore& core, const JobModel& jobs, SimulationOptions options,
                       Commit commit, double wall0)
    : core_(core), jobs_(jobs), options_(options), commit_(std::move(commit)), wall0_(wall0),
      network_(options.workers + 1) {
  if (options_.workers < 1) throw Error::input("--workers must be at least 1");
  for (int rank = 0; rank <= options_.workers; ++rank)
    endpoints_.push_back(network_.endpoint(rank));
  workers_.resize(static_cast<std::size_t>(options_.workers) + 1);
  report_.workers = options_.workers;
}

SimReport Simulation::run(std::ostream& progress) {
  real_start_ = monotonic_seconds();
  last_progress_ = real_start_;
  for (int rank = 1; rank <= options_.workers; ++rank) {
    send_to_manager(rank, ReadyMsg{kHost, 0, "cpu"}, 0.0);
  }
  if (std::isfinite(options_.max_time)) {
    queue_.push(options_.max_time, SimEvent::Kind::tick, kManager);
  }
  while (!core_.finished() && !queue_.empty()) {
    SimEvent event = queue_.pop();
    const double now = event.time;
    switch (event.kind) {
    case SimEvent::Kind::to_manager:
      deliver_to_manager(std::move(event));
      break;
    case SimEvent::Kind::tick:
    case SimEvent::Kind::manager_run:
      if (event.kind == SimEvent::Kind::manager_run) {
        manager_scheduled_ = false;
        if (!endpoints_[kManager].probe()) break; // a tick's batch took its messages
      }
      if (now < manager_free_at_) {
        // A tick while the manager is busy: its next batch checks the time.
        if (!manager_scheduled_) {
          manager_scheduled_ = true;
          queue_.push(manager_free_at_, SimEvent::Kind::manager_run, kManager);
        }
        break;
      }
      manager_batch(now);
      break;
    case SimEvent::Kind::to_worker:
      endpoints_[kManager].send(event.rank, *event.message);
      worker_receives(event.rank, now);
      break;
    case SimEvent::Kind::step_done:
      worker_steps(event.rank, now);
      break;
    }
    report_progress(progress, now);
  }
  if (!core_.finished()) {
    throw Error::internal("the simulation ran out of events before the manager shut every "
                          "worker down");
  }
  report_.makespan = manager_free_at_;
  report_.stop_reason = std::string(to_string(core_.stop_reason()));
  report_.real_seconds = monotonic_seconds() - real_start_;
  return report_;
}

void Simulation::send_to_manager(int rank, Message message, double now) {
  queue_.push(now + options_.latency, SimEvent::Kind::to_manager, rank, std::move(message));
}

void Simulation::deliver_to_manager(SimEvent event) {
  endpoints_[static_cast<std::size_t>(event.rank)].send(kManager, *event.message);
  if (manager_scheduled_) return;
  manager_scheduled_ = true;
  queue_.push(std::max(event.time, manager_free_at_), SimEvent::Kind::manager_run, kManager);
}

double Simulation::virtual_now(double batch_start, double real_start) const {
  if (options_.manager_cost) return batch_start;
  return batch_start + (monotonic_seconds() - real_start);
}

void Simulation::manager_batch(double now) {
  const double real_start = monotonic_seconds();
  const double runqueue_start = options_.manager_cost ? 0.0 : clock_.read().runqueue;
  std::vector<std::pair<int, Message>> out;
  Actions batch;
  for (int n = 0; n < ManagerLoop::kMaxBatch; ++n) {
    auto envelope = endpoints_[kManager].try_receive();
    if (!envelope) break;
    Actions actions = handle(*envelope, virtual_now(now, real_start));
    batch.insert(batch.end(), std::make_move_iterator(actions.begin()),
                 std::make_move_iterator(actions.end()));
    if (core_.finished()) break;
  }
  execute(batch, virtual_now(now, real_start), out);
  execute(core_.on_tick(virtual_now(now, real_start)), virtual_now(now, real_start), out);
  double cost = 0.0;
  if (options_.manager_cost) {
    cost = *options_.manager_cost;
  } else {
    const double wall = monotonic_seconds() - real_start;
    const double waited = std::clamp(clock_.read().runqueue - runqueue_start, 0.0, wall);
    report_.runqueue_wait += waited;
    cost = wall - waited;
  }
  manager_free_at_ = now + cost;
  report_.manager_busy += cost;
  ++report_.batches;
  note_best(manager_free_at_);
  for (auto& [rank, message] : out) {
    if (std::holds_alternative<Job>(message)) {
      report_.dispatch.push_back(manager_free_at_ -
                                 workers_[static_cast<std::size_t>(rank)].free_since);
    }
    queue_.push(manager_free_at_ + options_.latency, SimEvent::Kind::to_worker, rank,
                std::move(message));
  }
  if (endpoints_[kManager].probe() && !manager_scheduled_) {
    manager_scheduled_ = true;
    queue_.push(manager_free_at_, SimEvent::Kind::manager_run, kManager);
  }
}

Actions Simulation::handle(const Envelope& envelope, double now) {
  const int rank = envelope.source;
  const double wall = wall0_ + now;
  if (const auto* ready = std::get_if<ReadyMsg>(&envelope.message)) {
    return core_.on_ready(rank, ready->host, now, wall);
  }
  if (const auto* result = std::get_if<ResultMsg>(&envelope.message)) {
    return core_.on_result(rank, result->job_id, result->outcome, now, wall);
  }
  if (const auto* report = std::get_if<ProgressMsg>(&envelope.message)) {
    return core_.on_progress(rank, report->job_id, report->step, report->value, now);
  }
  if (std::holds_alternative<AbandonedMsg>(envelope.message)) return core_.on_abandoned(rank);
  throw Error::internal("simulated manager received an unexpected message (" +
                        std::string(to_string(tag_of(envelope.message))) + ")");
}

void Simulation::execute(const Actions& actions, double now,
                         std::vector<std::pair<int, Message>>& out) {
  if (actions.empty()) return;
  commit_(actions, wall0_ + now);
  for (const Action& action : actions) {
    if (const auto* send = std::get_if<SendJob>(&action)) {
      out.emplace_back(send->rank, send->job);
    } else if (const auto* shutdown = std::get_if<ShutdownWorker>(&action)) {
      out.emplace_back(shutdown->rank, ShutdownMsg{});
    } else if (const auto* abandon = std::get_if<AbandonJob>(&action)) {
      out.emplace_back(abandon->rank, AbandonMsg{});
    } else if (const auto* stop = std::get_if<StopJob>(&action)) {
      out.emplace_back(stop->rank,
                       DecisionMsg{stop->job_id, static_cast<std::int32_t>(stop->decision)});
    } else if (const auto* record = std::get_if<Record>(&action)) {
      ++report_.evaluations;
      if (record->evaluation.decision != TrialDecision::paused) ++report_.trials;
    }
  }
}

void Simulation::worker_receives(int rank, double now) {
  Worker& w = workers_[static_cast<std::size_t>(rank)];
  auto envelope = endpoints_[static_cast<std::size_t>(rank)].try_receive();
  if (!envelope) throw Error::internal("a simulated message was lost");
  Message& message = envelope->message;
  if (auto* job = std::get_if<Job>(&message)) {
    report_.idle.push_back(now - w.free_since);
    w.plan = jobs_.plan(*job);
    w.job = std::move(*job);
    w.next = 0;
    w.started = now;
    w.decided = false;
    ++running_;
    running_starts_ += now;
    report_.handed_out = now;
    report_.busy_handed_out = report_.busy + running_ * now - running_starts_;
    queue_.push(now + w.plan.steps.front().duration, SimEvent::Kind::step_done, rank);
  } else if (const auto* decision = std::get_if<DecisionMsg>(&message)) {
    if (w.job && decision->job_id == w.job->id) w.decided = true;
  } else if (std::holds_alternative<AbandonMsg>(message)) {
    if (w.job) job_leaves(w, now);
    w.job.reset();
    send_to_manager(rank, AbandonedMsg{}, now);
  }
  // ShutdownMsg: the worker leaves; nothing more happens to it.
}

void Simulation::worker_steps(int rank, double now) {
  Worker& w = workers_[static_cast<std::size_t>(rank)];
  if (!w.job) return; // abandoned
  const PlannedStep& step = w.plan.steps[w.next];
  const bool last = w.next + 1 == w.plan.steps.size();
  if (w.plan.reports) send_to_manager(rank, ProgressMsg{w.job->id, step.step, step.value}, now);
  if (w.plan.reports && w.decided && !last) {
    finish(rank, now, Status::stopped, step.value, "");
  } else if (last) {
    finish(rank, now, w.plan.status, step.value, w.plan.message);
  } else {
    ++w.next;
    queue_.push(now + w.plan.steps[w.next].duration, SimEvent::Kind::step_done, rank);
  }
}

void Simulation::finish(int rank, double now, Status status, double objective,
                        std::string message) {
  Worker& w = workers_[static_cast<std::size_t>(rank)];
  Outcome outcome;
  outcome.status = status;
  outcome.objective = objective;
  outcome.started_at = wall0_ + w.started;
  outcome.finished_at = wall0_ + now;
  outcome.message = std::move(message);
  send_to_manager(rank, ResultMsg{w.job->id, std::move(outcome)}, now);
  job_leaves(w, now);
  w.job.reset();
  w.free_since = now;
}

void Simulation::job_leaves(Worker& w, double now) {
  report_.busy += now - w.started;
  --running_;
  running_starts_ -= w.started;
}

void Simulation::note_best(double now) {
  const auto& best = core_.stats().best;
  if (!best) return;
  if (report_.best.empty() || report_.best.back().second != best->objective) {
    report_.best.emplace_back(now, best->objective);
  }
}

void Simulation::report_progress(std::ostream& out, double now) {
  if (options_.progress_interval <= 0.0) return;
  const double real = monotonic_seconds();
  if (real - last_progress_ < options_.progress_interval) return;
  last_progress_ = real;
  std::ostringstream line;
  line << std::fixed << std::setprecision(1) << "simulate: virtual " << now << " s | "
       << report_.evaluations << " evaluations | real " << real - real_start_ << " s";
  out << line.str() << std::endl;
}

} // namespace hpsearch
