#pragma once
// RowLayout: the byte layout of one /evaluations row (schema.hpp) and its HDF5 compound
// type, built from the parameter columns; packs an Evaluation into a row and back.
// The type is packed (no padding) and serves both as the file type and the memory type.
// Internal to the store module.
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/space/parameter.hpp"
#include "hpsearch/space/search_space.hpp"
#include "hpsearch/store/h5_handle.hpp"
#include "hpsearch/store/row_extras.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace hpsearch::h5 {

struct ParamColumn {
  std::string name; ///< parameter name, without the "p:" prefix
  ParamKind kind = ParamKind::real;
  std::vector<Value> choices; ///< categorical, ordinal, constant
  std::size_t offset = 0;     ///< filled by RowLayout
};

class RowLayout {
public:
  /// The writer's layout: one column per parameter of `space`, in its order, and one m:<name>
  /// per declared metric (with the JSON column metadata).
  static RowLayout for_space(const SearchSpace& space, std::vector<std::string> metrics = {});
  /// A layout for parameter columns found in a file; `trial_columns`: with the columns
  /// trial, from_fidelity, rung and decision (format 4; a format-3 file has none);
  /// `metric_columns`: with the JSON column metadata and one m:<name> per `metrics` (files
  /// written before user metrics have none); `parent_column`: with the lineage column parent
  /// after the trial columns (files written before population-based training have none; like
  /// the metric columns it is detected by presence, the format is unchanged).
  explicit RowLayout(std::vector<ParamColumn> params, bool trial_columns = true,
                     std::vector<std::string> metrics = {}, bool metric_columns = true,
                     bool parent_column = true);
  /// The layout of an existing /evaluations dataset; throws hpsearch::Error naming `path`
  /// when it is not a table of compound rows with every required column, or has some of
  /// the four trial columns but not all.
  static RowLayout from_dataset(hid_t ds, const std::string& path);

  hid_t type() const { return type_.get(); }
  std::size_t row_size() const { return size_; }
  const std::vector<ParamColumn>& params() const { return params_; }
  bool trial_columns() const { return trial_columns_; }
  /// Whether rows keep user metrics (Evaluation::metadata); the declared metric columns.
  bool metric_columns() const { return metric_columns_; }
  const std::vector<std::string>& metrics() const { return metrics_; }
  /// Whether rows keep the lineage (Evaluation::parent).
  bool parent_column() const { return parent_column_; }

  /// Writes `ev` into `row` (row_size() bytes). The row points into ev.message and into
  /// `metadata_rest` (which receives the metrics no column takes), so both must outlive the
  /// row's use. Without metric columns the metrics are not recorded. A trial of -1 (none) is
  /// written as the job's own id. Throws hpsearch::Error (internal_error) when the config holds a
  /// value of the wrong type, a choice not in the parameter's choices, or a parameter the space
  /// does not have. Absent parameters get the "missing" sentinel.
  void pack(const Evaluation& ev, const RowExtras& extras, std::byte* row,
            std::string& metadata_rest) const;
  /// Reads a row written by pack() (or by H5Dread into this type). Missing parameters
  /// are left out of the config; without trial columns the row is its own trial (trial =
  /// id, from_fidelity 0, rung -1, finished). Throws hpsearch::Error on an unknown status
  /// or decision value.
  Evaluation unpack(const std::byte* row, RowExtras* extras = nullptr) const;
  /// The dataset fill value: id = schema::kUnwrittenId, NaNs, zeros, null message.
  std::vector<std::byte> fill_row() const;

private:
  void unpack_trial(const std::byte* row, Evaluation& ev) const;
  void insert_metric_columns(hid_t type) const;

  std::vector<ParamColumn> params_;
  bool trial_columns_ = true;
  std::vector<std::string> metrics_;
  bool metric_columns_ = true;
  bool parent_column_ = true;
  Handle type_;
  std::size_t size_ = 0;
  std::size_t fidelity_ = 0, trial_ = 0, from_fidelity_ = 0, rung_ = 0, decision_ = 0, parent_ = 0,
              requeue_of_ = 0, allocation_ = 0, worker_rank_ = 0, host_ = 0, submitted_ = 0,
              started_ = 0, finished_ = 0, message_ = 0, metadata_ = 0;
};

} // namespace hpsearch::h5
