#include "hpsearch/runtime/resume_plan.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/journal_replay.hpp"
#include "hpsearch/runtime/strikes.hpp"
#include "hpsearch/store/space_hash.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace hpsearch {

namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "; ") + item;
  return out;
}

void check_problem(const CheckpointContents& c, const Problem& problem, bool force,
                   ResumePlan& plan) {
  if (c.space_hash != space_hash_hex(problem.space)) {
    const std::string diff =
        joined(space_differences(c.space_text, canonical_space_text(problem.space)));
    if (!force) {
      throw Error::input("checkpoint '" + c.path +
                         "' was written for another search space: " + diff +
                         ". Resume with the original problem file, start over with --fresh, or "
                         "pass --force to resume anyway");
    }
    plan.warnings.push_back("resuming despite a changed search space (--force): " + diff);
    for (const auto& p : problem.space.parameters()) {
      if (std::find(c.parameters.begin(), c.parameters.end(), p.name) == c.parameters.end()) {
        throw Error::input("cannot resume checkpoint '" + c.path +
                           "' even with --force: parameter '" + p.name +
                           "' has no column in it (start over with --fresh)");
      }
    }
  }
  const std::string strategy(strategy_kinds.name_of(problem.search.strategy.kind));
  if (c.info.strategy != strategy) {
    if (!force) {
      throw Error::input("checkpoint '" + c.path + "' was written by strategy '" + c.info.strategy +
                         "', the problem asks for '" + strategy +
                         "'. Start over with --fresh, or pass --force to replay the evaluations "
                         "into the new strategy");
    }
    plan.warnings.push_back("strategy changed from '" + c.info.strategy + "' to '" + strategy +
                            "' (--force): evaluations replayed, saved state not restored");
  }
}

bool finished(Status s) {
  return s != Status::lost;
}

/// The row of a job the state holds in flight, without its status and message.
Evaluation unfinished_row(const PendingJob& job, double saved_at) {
  Evaluation ev;
  ev.id = job.id;
  ev.config = job.config;
  ev.fidelity = job.fidelity;
  ev.trial = job.trial;
  ev.from_fidelity = job.from_fidelity;
  ev.rung = job.rung;
  ev.objective = std::nan("");
  ev.worker_rank = job.worker_rank;
  ev.host = job.host;
  ev.submitted_at = job.submitted_at;
  ev.started_at = job.submitted_at;
  ev.finished_at = std::max(saved_at, job.submitted_at);
  return ev;
}

/// A full-fidelity search: tell the rows the strategy snapshot had seen, restore the
/// snapshot (unless the strategy changed), replay the calls since (journal_replay.hpp).
void replay_strategy(const CheckpointContents& c, Strategy& strategy, bool restore) {
  const std::size_t seen = snapshot_rows_seen(c);
  for (std::size_t i = 0; i < seen; ++i) {
    if (finished(c.evaluations[i].status)) strategy.tell(c.evaluations[i]);
  }
  if (restore) strategy.restore_state(c.state->strategy);
  walk_journal(
      c,
      [&](JobId) {
        if (restore) (void)strategy.ask(); // its proposal is in the file already
      },
      [&](std::size_t i) { strategy.tell(c.evaluations[i]); });
}

} // namespace

ResumePlan plan_resume(const CheckpointContents& c, const Problem& problem, Strategy& strategy,
                       bool force, const SchedulerReplay* scheduler) {
  ResumePlan plan;
  check_problem(c, problem, force, plan);
  const bool restore = c.info.strategy == strategy_kinds.name_of(problem.search.strategy.kind);
  ResumePoint& point = plan.point;
  std::set<JobId> done, lost, rerun;
  double last_finished = 0.0;
  for (std::size_t i = 0; i < c.evaluations.size(); ++i) {
    const Evaluation& ev = c.evaluations[i];
    point.next_id = std::max(point.next_id, ev.id + 1);
    if (c.extras[i].requeue_of >= 0) rerun.insert(c.extras[i].requeue_of);
    if (!finished(ev.status)) {
      lost.insert(ev.id);
      continue;
    }
    done.insert(ev.id);
    last_finished = std::max(last_finished, ev.finished_at);
    ++point.finished;
    if (ev.status != Status::ok && ev.status != Status::stopped) ++point.failed;
    if (ev.status == Status::ok && ev.decision != TrialDecision::paused &&
        !std::isnan(ev.objective) &&
        (!point.best ||
         is_better(problem.objective.direction, ev.objective, point.best->objective))) {
      point.best = ev;
    }
  }
  for (const CurvePoint& curve_point : c.curves) {
    if (done.count(curve_point.eval_id) > 0) point.curves.push_back(curve_point);
  }
  if (scheduler != nullptr) {
    if (!restore) {
      throw Error::input("cannot resume checkpoint '" + c.path +
                         "' with another sampler, even with --force: a multi-fidelity "
                         "search's saved state holds its sampler's (start over with --fresh)");
    }
    replay_scheduler(c, *scheduler);
  } else if (c.state) {
    replay_strategy(c, strategy, restore);
  } else {
    for (const auto& ev : c.evaluations) {
      if (finished(ev.status)) strategy.tell(ev);
    }
  }
  plan.killed_end = c.state ? c.state->saved_at : last_finished;
  if (!c.state) return plan;
  point.next_id = std::max(point.next_id, c.state->next_id);

  auto requeue = [&](const PendingJob& job) {
    if (rerun.count(job.id) > 0) return; // already evaluated again under a new id
    point.requeue.push_back(
        {job.id, job.config, job.fidelity, job.trial, job.from_fidelity, job.rung});
    rerun.insert(job.id);
  };
  for (const auto& job : c.state->requeue) requeue(job);
  const StrikeCount strikes(c);
  const std::int64_t max_requeues = problem.run.max_requeues;
  for (const auto& job : c.state->in_flight) {
    if (done.count(job.id) > 0) continue; // finished after all (recorded with a torn state)
    if (lost.count(job.id) == 0) {
      Evaluation ev = unfinished_row(job, c.state->saved_at);
      const RowExtras extras{job.requeue_of, 0};
      if (strikes.fails(job.requeue_of, max_requeues)) {
        ev.status = Status::failed;
        ev.message = poisoned_message(strikes.of_in_flight(job.requeue_of), max_requeues);
        plan.warnings.push_back("evaluation " + std::to_string(job.id) +
                                " recorded failed: " + ev.message);
        ++point.finished;
        ++point.failed;
        if (scheduler != nullptr) {
          ev.decision = scheduler->scheduler.job_ended(trial_job_of(ev), ev);
        } else {
          strategy.tell(ev);
        }
        done.insert(job.id);
        plan.failed_rows.emplace_back(std::move(ev), extras);
        continue;
      }
      ev.status = Status::lost;
      ev.message = "in flight when its allocation ended; evaluated again under a new id";
      plan.lost_rows.emplace_back(std::move(ev), extras);
      lost.insert(job.id);
    }
    requeue(job);
  }
  return plan;
}

} // namespace hpsearch
