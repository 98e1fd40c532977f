#pragma once
// CheckpointJournal: makes each manager event durable before the transport acts on it.
// commit() appends the event's Record rows, appends the jobs sent and ended to the job log
// (store/resume_state.hpp, "Job log"), rewrites /state (next id, where the job log ends and
// its checksum, pending re-queues, the strategy calls since the last strategy snapshot, the
// rows and curve points it counts) and flushes, all in one H5Fflush; only then are jobs
// sent. A commit writes O(its changes), not O(jobs in flight): the state is small, and the
// job log grows by the batch's records; when it exceeds twice the live jobs' records (plus
// kCompactSlack bytes) it restarts in the other log dataset with the live ones only, so
// its amortized cost per change stays constant.
// ManagerLoop commits once per batch of messages (all those waiting, at most kMaxBatch),
// so one flush covers every result of the batch.
//
// What a kill -9 may lose: nothing that any worker or the journal's reader was told. A
// result is acknowledged (its worker gets its next job, a stop, or a shutdown) only after
// the flush holding its row and the state returned, so it is on disk. A kill inside that
// flush leaves either the new state with all its rows, or (the state without its rows or
// curve points, or torn) the previous state, which store/reader.hpp then takes: the batch's
// results are lost whole or partly, but none of them was acknowledged, no job of the batch
// was sent, and the previous state still has their jobs in flight, so resume re-runs them. Each
// in-flight job's line is encoded once, at dispatch, and cached. A kill inside the flush that
// leaves the job log torn leaves a log whose checksum differs from the new state's: the
// reader takes the previous state, whose log bytes were not touched (appends go past them;
// a restart writes the other log).
//
// The search's own state is snapshotted (Scheduler::save_state(), into /state/strategy*;
// a full-fidelity search's is its strategy's text)
// only every kSnapshotOps calls: saving it at every event would cost more than the event
// (random search: ~15 us and 6 KB of text). In between, the state lists the calls since the
// snapshot, derived from the actions: a SendJob that is not a re-queue is one ask()
// ("a<job id>": a scheduler's next()), a Record one tell() ("t<job id>": its job_ended()), in
// the order ManagerCore made them (journal_replay.hpp replays them). Resume restores the snapshot
// and replays them, which is exact for any deterministic strategy (an ask() that returns nothing
// must not change the strategy's state).
#include "hpsearch/runtime/actions.hpp"
#include "hpsearch/runtime/manager_core.hpp"
#include "hpsearch/store/checkpoint.hpp"

#include <map>
#include <string>

namespace hpsearch {

class CheckpointJournal {
public:
  CheckpointJournal(Checkpoint& checkpoint, const ManagerCore& core)
      : checkpoint_(checkpoint), core_(core) {}

  /// Records the rows of `actions` (and each Record's learning curve into /curves), then
  /// writes the state and flushes. No-op for no actions, or only StopJob ones.
  void commit(const Actions& actions, double wall);
  /// Snapshots the scheduler, writes the state and flushes, whatever happened (start and
  /// end of an allocation).
  void commit_state(double wall);

  static constexpr std::size_t kSnapshotOps = 512;
  /// The job log restarts once longer than 2 x the live records + this many bytes.
  static constexpr std::uint64_t kCompactSlack = std::uint64_t{64} * 1024;

private:
  void snapshot();
  void write_state(double wall);
  /// Writes `records` to the job log, restarting it when it has grown too long.
  void log_jobs(const std::string& records);

  Checkpoint& checkpoint_;
  const ManagerCore& core_;
  std::map<JobId, std::string> in_flight_; ///< job id -> its job log record
  std::uint64_t live_bytes_ = 0;           ///< of those records
  JobLogRef jobs_;                         ///< where the job log ends
  bool started_ = false;                   ///< this journal has written the job log
  std::uint64_t snapshot_ = 0;             ///< sequence of the last strategy snapshot
  std::int64_t snapshot_rows_ = 0;
  std::string ops_; ///< strategy calls since the snapshot, space-separated
  std::size_t ops_count_ = 0;
};

} // namespace hpsearch
