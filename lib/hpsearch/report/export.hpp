#pragma once
// Export of a checkpoint's evaluations for analysis outside hpsearch (`hpsearch export`).
//
// Columns follow DeepHyper's results.csv, so pandas.read_csv and DeepHyper's analysis code
// work unchanged: p:<name> per parameter (empty when inactive), objective ("F_<status>"
// when the evaluation has none, DeepHyper's failure marker), job_id, job_status (DONE,
// FAILED, TIMEOUT, CANCELLED for stopped, LOST), m:timestamp_submit, m:timestamp_start,
// m:timestamp_end, m:timestamp_gather (seconds since the checkpoint was created; gather =
// end: the manager records a result when it arrives), m:worker_rank, m:host; the trial
// lifecycle, named as DeepHyper's stoppers name the budget: m:budget (the fidelity the job
// trained to, 0 without fidelities), m:trial_id (the trial the job worked for; its own
// job_id when the search has no trials), m:from_budget (> 0: the job continued the trial
// from there), m:rung (empty: none), m:decision (finished, paused or stopped: what became
// of the trial); then hpsearch's own m:requeue_of, m:allocation, m:message; then the user
// metrics (report/metric_columns.hpp): m:<key> per declared metric, then per other key a
// job reported (m:metadata.<key> when <key> is one of the names above), empty where a row
// has none; a nested value is exported as its JSON text. One row per evaluation (job), in
// the order they were recorded.
#include "hpsearch/store/reader.hpp"

#include <ostream>
#include <string>

namespace hpsearch {

/// RFC 4180 CSV with a header line; fields with a comma, quote or line break are quoted.
void write_csv(const CheckpointContents& contents, std::ostream& out);
/// One JSON object per line with the same keys; numbers as numbers, NaN as null.
void write_json_lines(const CheckpointContents& contents, std::ostream& out);

/// `field` quoted for CSV when it needs to be.
std::string csv_field(const std::string& field);
/// `text` as a JSON string literal, quotes included.

} // namespace hpsearch
