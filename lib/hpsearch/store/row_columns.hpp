#pragma once
// Column discovery: which columns an existing /evaluations table has (its parameters with
// their kinds and choices, the optional trial, metric and parent columns), checked against
// the schema with errors naming the file. Internal to the store module; RowLayout builds
// itself from it.
#include "hpsearch/store/row_layout.hpp"

#include <hdf5.h>
#include <string>
#include <vector>

namespace hpsearch::h5 {

struct FileColumns {
  std::vector<ParamColumn> params;
  bool trial_columns = false;
  std::vector<std::string> metrics;
  bool metric_columns = false;
  bool parent_column = false;
};

/// The columns of the /evaluations dataset `ds` of the checkpoint at `path`.
FileColumns read_columns(hid_t ds, const std::string& path);

} // namespace hpsearch::h5
