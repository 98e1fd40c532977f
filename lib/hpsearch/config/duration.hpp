#pragma once
// Durations as people write them in problem files and on the command line.
#include <optional>
#include <string_view>

namespace hpsearch {

/// Seconds in `text`: a plain number of seconds ("90", "2.5") or one or more
/// <number><unit> parts with units d, h, m, s in that order, each at most once
/// ("90s", "30m", "2h", "1d", "1h30m", "1.5h"). Surrounding spaces are ignored.
/// nullopt for anything else, including negative or non-finite values.
std::optional<double> try_parse_duration(std::string_view text);

/// As try_parse_duration, but throws hpsearch::Error (bad input) naming `text` and the
/// accepted forms.
double parse_duration(std::string_view text);

/// What try_parse_duration accepts, for error messages.
inline constexpr std::string_view duration_forms =
    "seconds as a number, or a duration such as 90s, 30m, 2h, 1d, 1h30m";

} // namespace hpsearch
