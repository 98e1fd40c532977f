#pragma once
// Dataset: labelled examples for the built-in trainer, as plain arrays (no torch), plus
// DataSpec, which names where they come from and how they are split. Readers for each
// format live beside this file (idx_reader, hdf5_reader, csv_reader); split.hpp ties them
// together.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hpsearch::train {

struct Dataset {
  std::vector<float> features;            ///< row-major, size() * feature_size()
  std::vector<std::int64_t> labels;       ///< class index in [0, classes)
  std::vector<std::int64_t> sample_shape; ///< {1, 28, 28} for IDX images; {F} for tables;
                                          ///< HDF5: X's dims after the first
  std::int64_t classes = 0;

  /// Number of examples.
  std::size_t size() const { return labels.size(); }
  /// Floats per example: the product of sample_shape (1 for an empty shape).
  std::size_t feature_size() const;
};

struct DataSpec {
  std::string format = "fashion_mnist"; ///< fashion_mnist | mnist | hdf5 | csv
  std::string path; ///< IDX folder, or the .h5 / .csv file; empty: default_data_path(format)
  double validation_fraction = 0.2; ///< in (0, 1)
  std::uint64_t split_seed = 0;
  std::int64_t subset = 0;  ///< > 0: use only this many examples (drawn with split_seed)
  std::string label_column; ///< csv: the label column's header name; empty: the last column
};

struct Split {
  Dataset train;
  Dataset validation;
};

/// The examples of `data` at `indices`, in that order, with its sample_shape and classes.
/// Throws hpsearch::Error (internal) for an index >= data.size().
Dataset take(const Dataset& data, std::span<const std::size_t> indices);

} // namespace hpsearch::train
