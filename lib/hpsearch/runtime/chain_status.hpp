#pragma once
// ChainStatus: what a job chain needs to decide whether to submit another link, from the
// checkpoint alone (`hpsearch status`, read by jobscripts/hps-step.sh). A link "made
// progress" when its allocation recorded a result a worker returned (any status but lost;
// not the jobs its resume recorded failed after run.max_requeues strikes: a search whose
// every configuration kills the job must not count those as progress, two links per
// configuration). Pure: unit-tested from in-memory contents.
#include "hpsearch/store/reader.hpp"

#include <cstdint>
#include <string>

namespace hpsearch {

struct ChainStatus {
  std::int64_t finished = 0;    ///< finished evaluations in the file (any status but lost)
  std::int64_t allocations = 0; ///< runs and resumes recorded
  /// The last allocation did not record how it ended (still "running" or "killed"): the
  /// manager died, or it is still running.
  bool last_abnormal = false;
  /// Allocations in a row, the last included, that ended abnormally without recording a
  /// result from a worker.
  std::int64_t stalled = 0;
  /// Jobs in flight at the last (abnormal) end that the next resume records failed, as
  /// their strikes reached max_requeues: the next link is sure to record them.
  std::int64_t to_fail = 0;
  std::int64_t max_requeues = 0;
};

ChainStatus chain_status(const CheckpointContents& contents, std::int64_t max_requeues);

/// One `key=value` line per field, in the order above: finished, allocations,
/// last_allocation (graceful | abnormal | none), stalled, to_fail, max_requeues.
std::string format_chain_status(const ChainStatus& status);

} // namespace hpsearch
