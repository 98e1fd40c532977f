#pragma once
// plan_resume: how a search continues from its checkpoint. Checks the problem against the
// file, replays the finished evaluations into the strategy and restores its state, and
// works out which jobs were lost (in flight when the last allocation ended) and must run
// again. Pure apart from the strategy it drives: unit-tested without MPI or files.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/runtime/journal_replay.hpp"
#include "hpsearch/runtime/manager_core.hpp"
#include "hpsearch/search/strategy.hpp"
#include "hpsearch/store/reader.hpp"

#include <string>
#include <utility>
#include <vector>

namespace hpsearch {

struct ResumePlan {
  ResumePoint point;
  /// Rows to append, status lost, before the search continues (one per lost job).
  std::vector<std::pair<Evaluation, RowExtras>> lost_rows;
  /// Rows to append, status failed: jobs in flight at run.max_requeues abnormal ends
  /// (runtime/strikes.hpp), told to the strategy and not run again.
  std::vector<std::pair<Evaluation, RowExtras>> failed_rows;
  /// End time for earlier allocations that never recorded their end (killed).
  double killed_end = 0.0;
  std::vector<std::string> warnings;
};

/// Throws hpsearch::Error (bad_input) when the problem's space differs from the file's
/// (naming the differing parameters) or its strategy differs, unless `force`; even with
/// `force` when a parameter of the new space has no column in the file.
/// Replay (journal_replay.hpp): a full-fidelity search tell()s every finished row the saved
/// state had seen, restore_state()s, replays the calls since, then tell()s the rows flushed
/// after it (possible only when a kill tore the last state write). A multi-fidelity search
/// passes its `scheduler` (fresh, over a ReplaySampler over `strategy`), which replay_scheduler
/// brings to the last durable event instead; its sampler cannot change, even with `force`. A job in
/// flight when the last allocation ended abnormally is re-queued (the same trial job: a
/// continuation resumes from its trial's saved state), or recorded failed (and told, or ended in
/// the scheduler) once it has problem.run.max_requeues strikes.
ResumePlan plan_resume(const CheckpointContents& contents, const Problem& problem,
                       Strategy& strategy, bool force, const SchedulerReplay* scheduler = nullptr);

} // namespace hpsearch
