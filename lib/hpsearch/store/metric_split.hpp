#pragma once
// The user metrics of a row (core/job.hpp Outcome::metadata, one JSON object) split between
// the checkpoint's declared metric columns m:<name> (float64) and its JSON column
// `metadata` (everything else), and joined back. Internal to the store module.
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch::h5 {

struct MetricSplit {
  std::vector<double> values; ///< per declared column; NaN where the row has no number
  std::string rest;           ///< a JSON object of the other members; empty when none
};

/// Splits `metadata` (a JSON object, or empty) over `columns`: a member named like a column
/// whose value is a number (null: NaN) goes to it; every other member goes to `rest`. Text
/// that is not a JSON object is kept whole in `rest`.
MetricSplit split_metadata(std::string_view metadata, const std::vector<std::string>& columns);

/// The inverse: one JSON object holding the columns' numbers (NaN left out) and then the
/// members of `rest`; empty when that leaves nothing.
std::string join_metadata(const std::vector<std::string>& columns,
                          const std::vector<double>& values, std::string_view rest);

} // namespace hpsearch::h5
