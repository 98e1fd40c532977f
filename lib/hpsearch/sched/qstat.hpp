#pragma once
// `qstat -f JOBID` (PBS Pro) output, read as "key = value" attributes. Pure.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace hpsearch {

/// The attributes of the first job in `text`: "    Resource_List.walltime = 01:00:00" gives
/// {"Resource_List.walltime", "01:00:00"}. A line starting with a tab continues the value
/// before it (qstat wraps long values).
std::map<std::string, std::string> parse_qstat_full(std::string_view text);

/// When the job's walltime ends: `stime` (its start, local time) plus
/// `Resource_List.walltime`; without `stime`, `started_fallback` plus the walltime.
/// nullopt without a readable walltime.
std::optional<double> qstat_walltime_end(const std::map<std::string, std::string>& attributes,
                                         double started_fallback);

} // namespace hpsearch
