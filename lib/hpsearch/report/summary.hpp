#pragma once
// format_summary: what `hpsearch show FILE` prints about a checkpoint — the run, the
// evaluation counts per status, the best configurations, wall time and throughput.
#include "hpsearch/store/reader.hpp"

#include <cstddef>
#include <string>

namespace hpsearch {

/// Readable, aligned text ending in a newline. `top` bounds the best-configurations table
/// (ok evaluations only, best first under the checkpoint's direction; ties by id).
std::string format_summary(const CheckpointContents& contents, std::size_t top = 5);

/// "0.5 s", "42.0 s", "3m 07s", "2h 05m 00s".
std::string format_duration(double seconds);

} // namespace hpsearch
