#pragma once
// The user metrics of a checkpoint's rows (Evaluation::metadata, one JSON object per row)
// as columns: the declared metrics first (the problem's `metrics:`, the checkpoint's m:<name>
// columns), then every other key some row reports, in the order they first appear. Shown by
// `hpsearch show --columns`, exported as DeepHyper's m:<key> columns.
#include "hpsearch/store/reader.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace hpsearch {

struct MetricValue {
  enum class Kind { none, number, boolean, text, json };
  Kind kind = Kind::none; ///< none: the row does not report it (or reports null)
  double number = 0.0;    ///< number; boolean: 1 or 0
  std::string text;       ///< text; json: a nested array or object, as compact JSON
};

struct MetricColumn {
  std::string key;       ///< the metric's name in the rows' metadata
  std::string header;    ///< its export column: m:<key>, or m:metadata.<key> when <key> is a
                         ///< column export writes itself (core/metric_names.hpp)
  bool declared = false; ///< a checkpoint column (declared in the problem)
  std::size_t rows = 0;  ///< rows that report a value
};

struct MetricTable {
  std::vector<MetricColumn> columns;
  std::vector<std::vector<MetricValue>> cells; ///< cells[row][column], one per evaluation
};

/// The metric columns of `contents`, and each evaluation's values. A row whose metadata is
/// not a JSON object reports nothing.
MetricTable metric_table(const CheckpointContents& contents);

} // namespace hpsearch
