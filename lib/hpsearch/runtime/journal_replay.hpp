#pragma once
// Replaying the checkpoint's journal (checkpoint_journal.hpp) on resume. The journal holds,
// for every search, the scheduler's last snapshot (Scheduler::save_state()) and the calls
// ManagerCore made since, in order: "a<id>", a next() that handed out job <id> (a re-queue
// is not one; "a" without id before trials), and "t<id>", the end of job <id>, recorded as
// its row.
//
// A full-fidelity search replays them into its strategy (resume_plan.cpp: ask(), tell()).
// A multi-fidelity search replays them into its scheduler (replay_scheduler), which holds
// what the strategy cannot: rungs, paused trials, brackets, and its sampler:
//   * restore_state(snapshot); the scheduler restores its sampler itself (nothing is told
//     to the sampler before);
//   * "a<id>": next(), which must hand out job <id>'s trial job again (schedulers are
//     deterministic): a new trial gets the configuration the file recorded for it through
//     the ReplaySampler (replay_sampler.hpp), whatever its strategy proposes now;
//   * "t<id>": report() of every point of row <id>'s learning curve, then job_ended() with
//     the job rebuilt from the row (trial_job_of) and the row;
//   * then report() and job_ended() for the finished rows flushed after the state (a kill
//     tore the last state write), as a full-fidelity search tells them.
// Exact: the scheduler ends in the state it had after the last durable event, but for the
// progress reports of jobs still in flight then (they are not in the file: those jobs run
// again under new ids, with the same trial job, and report again) and for the order of
// reports: a job's reports are replayed just before its end instead of interleaved with
// other calls. Only ASHA's stopping variant keeps anything from a report (a trial's value
// at a rung, recorded once per trial and rung); its decisions depend on a rung's values,
// not on their order, so they are unchanged.
#include "hpsearch/runtime/replay_sampler.hpp"
#include "hpsearch/search/lifecycle/scheduler.hpp"
#include "hpsearch/store/reader.hpp"

#include <cstddef>
#include <functional>
#include <string>

namespace hpsearch {

/// The job id of an "a<id>" or "t<id>" journal call; a malformed call is a damaged checkpoint
/// (bad input), named with the file at `path`.
JobId told_id(const std::string& path, const std::string& op);

/// How many of the file's rows the state's snapshot had seen (0 without a state).
std::size_t snapshot_rows_seen(const CheckpointContents& c);

/// Walks the state's calls after the snapshot: `ask(id)` for each "a<id>" (-1 for "a"),
/// `tell(i)` for each "t<id>" (i: the index of row id in c.evaluations), then `tell(i)` for
/// every finished row flushed after the state that no call told. Needs c.state. Throws
/// hpsearch::Error (bad_input) naming the file for a malformed call or one naming no row
/// after the snapshot.
void walk_journal(const CheckpointContents& c, const std::function<void(JobId)>& ask,
                  const std::function<void(std::size_t)>& tell);

/// The job ManagerCore handed out for `row`, rebuilt from it: its trial (its own id for a
/// row written before trials), configuration, from-fidelity and rung, and as to-fidelity
/// the fidelity it reached (a scheduler reads an ended job's target only when the result
/// has no fidelity).
TrialJob trial_job_of(const Evaluation& row);

/// A multi-fidelity search's scheduler, fresh (built from the problem's settings) over
/// `sampler`, which wraps the search's strategy.
struct SchedulerReplay {
  Scheduler& scheduler;
  ReplaySampler& sampler;
};

/// Brings the scheduler to the state of the checkpoint's last durable event, as the header
/// says. Throws hpsearch::Error (bad_input) naming the file when the saved state does not
/// fit the scheduler (other search.* settings), when a replayed next() hands out nothing or
/// another trial job than the file recorded, for a damaged journal, and when the file has
/// finished rows but no state.
void replay_scheduler(const CheckpointContents& c, const SchedulerReplay& replay);

} // namespace hpsearch
