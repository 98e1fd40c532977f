#pragma once
// format_summary: what `hpsearch show FILE` prints about a checkpoint — the run, the
// evaluation counts per status, the best configurations (or trials), wall time and
// throughput.
#include "hpsearch/report/trial_states.hpp"
#include "hpsearch/store/reader.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace hpsearch {

/// Readable, aligned text ending in a newline. `top` bounds the best-configurations table
/// (ok evaluations only, best first under the checkpoint's direction; ties by id). When
/// the file has multi-fidelity rows (has_trials), it also counts trials by decision and
/// jobs per rung, and the table lists the best trials ranked at the highest fidelity they
/// reached (report/trial_summary.hpp). `trial_states`: the disk the trial states use,
/// printed when given (measured by the caller: trial_states_usage()).
std::string format_summary(const CheckpointContents& contents, std::size_t top = 5,
                           const std::optional<TrialStatesUsage>& trial_states = std::nullopt);

/// "0.5 s", "42.0 s", "3m 07s", "2h 05m 00s".
std::string format_duration(double seconds);

} // namespace hpsearch
