#pragma once
// HDF5 data sets: a file holding dataset `X` (features, any numeric type, shape [N, ...])
// and dataset `y` (integer class labels, shape [N] or [N, 1]) at its root.
#include "hpsearch/train/dataset.hpp"

#include <cstddef>
#include <string>

namespace hpsearch::train {

/// Reads X (converted to float; sample_shape is X's shape after the first dimension) and
/// y (>= 0; classes = the largest + 1). Throws hpsearch::Error naming the file and the
/// dataset: missing, wrong type, wrong rank, differing lengths, negative labels.
Dataset read_hdf5(const std::string& file);

/// Checks what read_hdf5 checks without reading the data (labels' signs excepted) and
/// returns the number of examples.
std::size_t probe_hdf5(const std::string& file);

} // namespace hpsearch::train
