#include "hpsearch/runtime/journal_replay.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <vector>

namespace hpsearch {

namespace {

bool finished(Status s) {
  return s != Status::lost;
}

/// The file, named in every refusal, and what to do about it.
std::string cannot_replay(const CheckpointContents& c, const std::string& why) {
  return "cannot resume checkpoint '" + c.path + "': " + why +
         " (the file was left untouched; use --fresh to move it aside and start over)";
}

} // namespace

JobId told_id(const std::string& path, const std::string& op) {
  JobId id = 0;
  const char* first = op.data() + 1;
  const char* last = op.data() + op.size();
  const auto [end, ec] = std::from_chars(first, last, id);
  if (op.size() < 2 || (op[0] != 't' && op[0] != 'a') || ec != std::errc() || end != last ||
      id < 0) {
    throw Error::input("checkpoint '" + path + "': its state holds a malformed strategy call '" +
                       op + "' (expected a<job id> or t<evaluation id>)");
  }
  return id;
}

std::size_t snapshot_rows_seen(const CheckpointContents& c) {
  if (!c.state) return 0;
  return std::min<std::size_t>(
      static_cast<std::size_t>(std::max<std::int64_t>(0, c.state->snapshot_rows)),
      c.evaluations.size());
}

void walk_journal(const CheckpointContents& c, const std::function<void(JobId)>& ask,
                  const std::function<void(std::size_t)>& tell) {
  const std::size_t seen = snapshot_rows_seen(c);
  const auto rows = static_cast<std::size_t>(std::max<std::int64_t>(0, c.state->rows));
  std::map<JobId, std::size_t> by_id;
  for (std::size_t i = seen; i < c.evaluations.size(); ++i) by_id[c.evaluations[i].id] = i;
  std::set<std::size_t> told;
  for (const auto& op : c.state->ops) {
    if (op == "a") { // written before trials
      ask(-1);
      continue;
    }
    if (op[0] == 'a') {
      ask(told_id(c.path, op));
      continue;
    }
    const auto it = by_id.find(told_id(c.path, op));
    if (it == by_id.end()) {
      throw Error::input("checkpoint '" + c.path + "': its state tells evaluation " + op.substr(1) +
                         " after the strategy snapshot, but no such row follows it");
    }
    tell(it->second);
    told.insert(it->second);
  }
  for (std::size_t i = std::max(seen, std::min(rows, c.evaluations.size()));
       i < c.evaluations.size(); ++i) {
    if (finished(c.evaluations[i].status) && told.count(i) == 0) tell(i);
  }
}

TrialJob trial_job_of(const Evaluation& row) {
  return TrialJob{row.trial >= 0 ? row.trial : row.id, row.config, row.from_fidelity, row.fidelity,
                  row.rung};
}

namespace {

/// The jobs the journal's "a<id>" calls sent: every row's, and those the state holds in
/// flight (not recorded yet).
std::map<JobId, TrialJob> sent_jobs(const CheckpointContents& c) {
  std::map<JobId, TrialJob> jobs;
  for (const Evaluation& row : c.evaluations) jobs.emplace(row.id, trial_job_of(row));
  for (const PendingJob& job : c.state->in_flight) {
    jobs.emplace(job.id, TrialJob{job.trial >= 0 ? job.trial : job.id, job.config,
                                  job.from_fidelity, job.fidelity, job.rung});
  }
  return jobs;
}

} // namespace

void replay_scheduler(const CheckpointContents& c, const SchedulerReplay& replay) {
  Scheduler& scheduler = replay.scheduler;
  if (!c.state) {
    const bool any = std::any_of(c.evaluations.begin(), c.evaluations.end(),
                                 [](const Evaluation& e) { return finished(e.status); });
    if (any) throw Error::input(cannot_replay(c, "it has finished rows but no scheduler state"));
    return; // killed before its first event: the scheduler starts fresh
  }
  try {
    scheduler.restore_state(c.state->strategy);
  } catch (const Error& e) {
    throw Error::input(cannot_replay(
        c, std::string("its multi-fidelity scheduler state does not fit the problem's search "
                       "settings (was search.strategy or a fidelity setting changed?): ") +
               e.what()));
  }
  // The learning curves of the rows after the snapshot, for their reports.
  const std::size_t seen = snapshot_rows_seen(c);
  std::map<JobId, std::vector<const CurvePoint*>> curves;
  for (std::size_t i = seen; i < c.evaluations.size(); ++i) curves[c.evaluations[i].id];
  for (const CurvePoint& point : c.curves) {
    const auto it = curves.find(point.eval_id);
    if (it != curves.end()) it->second.push_back(&point);
  }
  const std::map<JobId, TrialJob> sent = sent_jobs(c);
  walk_journal(
      c,
      [&](JobId id) {
        const auto recorded = sent.find(id);
        if (recorded != sent.end()) replay.sampler.hand_out(recorded->second.config);
        const std::optional<TrialJob> job = scheduler.next();
        replay.sampler.forget();
        if (!job) {
          throw Error::input(cannot_replay(
              c, "replaying its journal, the scheduler handed out no job where it had one (a "
                 "journal that does not belong to this scheduler)"));
        }
        const auto same = [](const TrialJob& a, const TrialJob& b) {
          // Not the configuration: a new trial's is the recorded one, a continued trial's
          // came from the scheduler's state (text) rather than from the row (HDF5).
          return a.trial == b.trial && a.from_fidelity == b.from_fidelity && a.rung == b.rung;
        };
        if (recorded != sent.end() && !same(*job, recorded->second)) {
          throw Error::input(
              cannot_replay(c, "replaying its journal, the scheduler handed out trial " +
                                   std::to_string(job->trial) + " at rung " +
                                   std::to_string(job->rung) + " where job " + std::to_string(id) +
                                   " ran trial " + std::to_string(recorded->second.trial) +
                                   " at rung " + std::to_string(recorded->second.rung)));
        }
      },
      [&](std::size_t i) {
        const Evaluation& row = c.evaluations[i];
        const TrialJob job = trial_job_of(row);
        for (const CurvePoint* point : curves[row.id]) {
          (void)scheduler.report(job.trial, point->step, point->value);
        }
        (void)scheduler.job_ended(job, row);
      });
}

} // namespace hpsearch
