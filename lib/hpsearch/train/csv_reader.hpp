#pragma once
// CSV data sets: comma-separated rows of numbers with one label column, in a plain or a
// gzip-compressed file (train/text_file.hpp). A header row is optional. Quoting: a field may be
// wrapped in double quotes, but a quoted field holding a comma or a doubled quote ("") is not
// supported.
#include "hpsearch/train/dataset.hpp"

#include <string>

namespace hpsearch::train {

/// Reads `file`. The label column is the one named `label_column` in the header, or the
/// last column when `label_column` is empty; every other column is a feature and must hold
/// numbers. Labels are non-negative integers (used as class indices), or names, mapped to
/// class indices in the sorted order of the distinct names. The first row is a header when
/// any of its feature fields is not a number, or when its label is text but the next row's
/// label is a number. Blank lines are skipped; \r\n line ends are fine. sample_shape is
/// {features}. Throws hpsearch::Error naming the file, line and column of a bad field, a row
/// with a different number of fields, or an unknown label column (listing the columns).
Dataset read_csv(const std::string& file, const std::string& label_column);

/// Checks the file opens and its header and first data row parse, without reading the rest.
void probe_csv(const std::string& file, const std::string& label_column);

} // namespace hpsearch::train
