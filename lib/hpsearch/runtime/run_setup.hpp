#pragma once
// prepare_run: everything rank 0 does before any worker starts. Reads and validates the
// problem (command-line overrides applied), finds the batch allocation and its end,
// resolves the run's paths once (store/run_paths.hpp), checks that workers will be able to
// build the evaluator, takes the checkpoint's lock, then resumes the checkpoint when it
// exists (or moves it aside with --fresh) or creates it, and builds the search's scheduler
// (a multi-fidelity one brought to the checkpoint's last durable event, journal_replay.hpp).
#include "hpsearch/config/problem.hpp"
#include "hpsearch/runtime/manager_core.hpp"
#include "hpsearch/runtime/replay_sampler.hpp"
#include "hpsearch/runtime/run_options.hpp"
#include "hpsearch/sched/deadline.hpp"
#include "hpsearch/sched/scheduler.hpp"
#include "hpsearch/search/lifecycle/scheduler.hpp"
#include "hpsearch/search/pbt/replay_scheduler.hpp"
#include "hpsearch/search/strategy.hpp"
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/checkpoint_lock.hpp"
#include "hpsearch/store/run_paths.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <vector>

namespace hpsearch {

/// The lock is declared before the checkpoint, so the file is closed before the lock is
/// released.
struct PreparedRun {
  Problem problem;
  RunPaths paths;
  std::unique_ptr<Strategy> strategy;
  /// A multi-fidelity search's sampler: `strategy`, as a resume replays it (declared after
  /// it: it borrows it).
  std::unique_ptr<ReplaySampler> sampler;
  /// The search's scheduler, over `strategy` or `sampler` (declared after them); resumed
  /// already when `resumed` (its state restored, the stopping rule given resume.curves).
  std::unique_ptr<Scheduler> scheduler;
  /// strategy replay: the recorded schedule (replay_source.hpp), read before anything else.
  std::vector<ReplaySegment> replay;
  std::optional<CheckpointLock> lock;
  std::optional<Checkpoint> checkpoint;
  ResumePoint resume;
  bool resumed = false;
  std::size_t lost = 0;
  /// Resumed: the (id, objective) of the checkpoint's ok rows, for run.keep_models.
  std::vector<std::pair<JobId, double>> ok_results;
  BatchJob job;      ///< the batch system running us (sched/scheduler.hpp)
  Deadline deadline; ///< when the allocation ends (sched/deadline.hpp)
};

/// `ranks`: the manager and its workers. Warnings go to `err`. Throws hpsearch::Error for a
/// problem or checkpoint it rejects (nothing is left locked or created then).
PreparedRun prepare_run(const RunOptions& options, int ranks, std::ostream& err);

} // namespace hpsearch
