#pragma once
// Table: an extendible, chunked 1-D dataset of fixed-size compound rows (no variable-length
// members), appended to and rewritten in place: /allocations and /curves. Internal to the
// store module.
#include "hpsearch/store/h5_handle.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace hpsearch::h5 {

class Table {
public:
  Table() = default;
  /// Creates dataset `name` in `file` with row type `type` (which the table copies).
  static Table create(hid_t file, const std::string& name, hid_t type, std::size_t chunk_rows,
                      const std::string& path);
  /// Opens an existing one; rows are read and written in `type` (converted by HDF5).
  static Table open(hid_t file, const std::string& name, hid_t type, const std::string& path);

  hsize_t rows() const { return rows_; }
  /// Appends `count` rows of row_size bytes each (no flush).
  void append(const void* rows, std::size_t count);
  /// Overwrites row `index` (no flush).
  void write(hsize_t index, const void* row);
  /// Every row, row_size bytes each.
  std::vector<std::byte> read_all() const;
  std::size_t row_size() const { return row_size_; }

private:
  Handle dataset_;
  Handle type_;
  std::size_t row_size_ = 0;
  hsize_t rows_ = 0;
  std::string what_;
};

} // namespace hpsearch::h5
