#pragma once
// CheckpointInfo: what a checkpoint records about the run that created it (the root
// attributes of DESIGN.md §4), and the ISO-8601 form of its timestamp.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/core/iso8601.hpp" // format_iso8601, the inverse of parse_iso8601

#include <cstdint>
#include <string>

namespace hpsearch {

struct CheckpointInfo {
  std::string problem_text; ///< the problem file as canonical text
  std::string strategy;     ///< e.g. "random", "ambs"
  std::uint64_t seed = 0;
  Direction direction = Direction::minimize;
  std::string hpsearch_version; ///< e.g. "0.1.0"
  double created = 0.0;         ///< wall-clock seconds since the Unix epoch

  friend bool operator==(const CheckpointInfo&, const CheckpointInfo&) = default;
};

/// The inverse of format_iso8601; throws hpsearch::Error on any other form.
double parse_iso8601(const std::string& text);

} // namespace hpsearch
