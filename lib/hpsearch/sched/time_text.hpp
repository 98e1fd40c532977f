#pragma once
// Times as batch systems and users write them, read into epoch seconds. Pure functions:
// local times use the process's time zone (TZ), as the tools that printed them did.
#include <optional>
#include <string>
#include <string_view>

namespace hpsearch {

/// A point in time: epoch seconds ("1714564800", "1714564800.5"), or ISO 8601 as
/// "2024-05-01T12:00:00" (local time; a space may replace the T, seconds may be left
/// out) with an optional zone "Z", "+02:00", "-0500". nullopt for anything else,
/// including a day the calendar does not have (2024-02-31, 2023-02-29).
std::optional<double> parse_time_point(std::string_view text);

/// A PBS / Slurm time limit: "HH:MM:SS", "MM:SS", "D-HH:MM:SS", or plain seconds.
/// nullopt for anything else (including "UNLIMITED").
std::optional<double> parse_clock_duration(std::string_view text);

/// ctime-style local time, as `qstat -f` prints `stime`: "Wed May  1 12:00:00 2024".
std::optional<double> parse_ctime(std::string_view text);

/// "2024-05-01T12:00:00Z" (UTC, whole seconds) for messages.
std::string format_utc(double epoch_seconds);

/// What parse_time_point accepts, for error messages.
inline constexpr std::string_view time_point_forms =
    "epoch seconds (e.g. 1714564800) or an ISO 8601 time such as 2024-05-01T12:00:00Z, "
    "2024-05-01T14:00:00+02:00 or 2024-05-01T12:00:00 (local time), on a day the calendar "
    "has";

} // namespace hpsearch
