#pragma once
// The lineage of a population-based training search (issue 19), read from a checkpoint:
// the segments (trials) a member's final state went through, found by following each row's
// parent (the trial whose saved state its trial started from) back to a trial that started
// from scratch. What `hpsearch show` prints for the best member (report/pbt_schedule.hpp)
// and what `strategy: replay` trains again.
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/trial.hpp"
#include "hpsearch/store/reader.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace hpsearch {

/// One segment of a schedule: `trial` trained from `from` to `to` with `config`.
struct ScheduleStep {
  TrialId trial = -1;
  double from = 0.0;
  double to = 0.0;
  Config config;

  friend bool operator==(const ScheduleStep&, const ScheduleStep&) = default;
};

/// True when some row has a parent (a population-based training search).
bool has_lineage(const CheckpointContents& c);

/// The schedule that led to row `row`, earliest segment first: the row itself and, for each
/// parent, the ok row of that trial. A parent without such a row (a file cut short) ends
/// the walk; a cycle (a damaged file) too.
std::vector<ScheduleStep> schedule_of(const CheckpointContents& c, std::size_t row);

/// The row of the best member: the best ok row (by the file's direction) among those at the
/// highest fidelity any ok row reached; nullopt when there is no ok row.
std::optional<std::size_t> best_member_row(const CheckpointContents& c);

} // namespace hpsearch
