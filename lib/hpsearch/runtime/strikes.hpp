#pragma once
// Strikes: how often a configuration was in flight when its allocation ended abnormally,
// derived from what every checkpoint already holds (no field of its own):
//   - an allocation ended abnormally when it never recorded how it ended: its
//     /allocations exit_reason is still "running" (the manager died: a crash, SIGKILL, a
//     node failure) or "killed" (so marked by the next allocation). A graceful stop (signal
//     handled, deadline, drain, stop_grace abort) or the end of the search records its
//     reason, and never counts a strike;
//   - a lost row (status lost) is written by the allocation that resumed, for a job that
//     was in flight when the allocation before it ended: it counts a strike when that
//     allocation ended abnormally;
//   - a re-run's requeue_of names the lost row it re-runs, so the strikes of a job are
//     those along its chain of lost rows, plus one for its own loss.
// At run.max_requeues strikes resume records the job failed instead of re-queueing it.
// Pure: unit-tested from in-memory contents.
#include "hpsearch/store/allocation.hpp"
#include "hpsearch/store/reader.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace hpsearch {

/// True when the allocation recorded how it ended (its exit_reason is neither "running"
/// nor "killed").
bool ended_gracefully(const Allocation& allocation);

class StrikeCount {
public:
  explicit StrikeCount(const CheckpointContents& contents);

  /// True when the last allocation of the file (the one whose state resume reads) did not
  /// record how it ended, or when the file holds none.
  bool last_ended_abnormally() const { return last_abnormal_; }
  /// The strikes of a job the state holds in flight, counting its own loss at the end of
  /// the last allocation: one if that end was abnormal, plus those of the lost job it
  /// re-runs (`requeue_of`, -1 for none).
  std::int64_t of_in_flight(JobId requeue_of) const;
  /// The strikes carried by lost job `id`: its chain of lost rows, each counted when the
  /// allocation it was lost in ended abnormally.
  std::int64_t of_lost(JobId id) const;
  /// True when resume records the in-flight job failed rather than re-queue it: the last
  /// allocation ended abnormally and its strikes reached `max_requeues`. A graceful end
  /// never does, whatever the job's earlier strikes.
  bool fails(JobId requeue_of, std::int64_t max_requeues) const {
    return last_abnormal_ && of_in_flight(requeue_of) >= max_requeues;
  }

private:
  struct Loss {
    JobId requeue_of = -1;
    bool abnormal = false;
  };
  bool last_abnormal_ = true;
  std::map<JobId, Loss> lost_;
};

/// The failure message of a job recorded failed after `strikes` abnormal ends.
std::string poisoned_message(std::int64_t strikes, std::int64_t max_requeues);
/// True for a row resume recorded failed with poisoned_message (not a worker's result).
bool is_poisoned(const Evaluation& evaluation);

} // namespace hpsearch
