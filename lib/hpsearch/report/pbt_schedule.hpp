#pragma once
// The hyperparameter schedule of a population-based training member (issue 19) as `hpsearch
// show` prints it; the lineage itself is read by store/lineage.hpp.
#include "hpsearch/store/lineage.hpp"

#include <string>
#include <vector>

namespace hpsearch::report {

using hpsearch::best_member_row;
using hpsearch::has_lineage;
using hpsearch::schedule_of;
using hpsearch::ScheduleStep;

/// "  0 -> 4    h0=0.5 h1=0.3  (trials 0, 4)" lines, one per run of steps with the same
/// configuration, each naming the trials (segments) that trained it.
std::string schedule_text(const std::vector<ScheduleStep>& schedule);

} // namespace hpsearch::report
