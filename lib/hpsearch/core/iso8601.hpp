#pragma once
// ISO 8601 UTC timestamps, the one text form of a point in time hpsearch prints and stores.
#include <string>

namespace hpsearch {

/// "2024-05-01T12:00:00Z" for `epoch_seconds` (fractions dropped).
std::string format_iso8601(double epoch_seconds);

} // namespace hpsearch
