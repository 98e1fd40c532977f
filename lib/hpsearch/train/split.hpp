#pragma once
// Loading a DataSpec's data and splitting it into training and validation sets, the same
// way on every rank and every run for a given split seed.
#include "hpsearch/train/dataset.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hpsearch::train {

/// Reads every example of spec's data: the IDX "train" part for fashion_mnist and mnist
/// (from spec.path, or default_data_path(format) when empty), the .h5 or .csv file for hdf5
/// and csv. Throws hpsearch::Error for an unknown format, a missing path, or bad data.
Dataset read_dataset(const DataSpec& spec);

/// read_dataset, then split_dataset with spec's fraction, seed and subset.
Split load_split(const DataSpec& spec);

/// Shuffles the examples with shuffled_indices(all.size(), split_seed), keeps the first
/// `subset` when subset > 0, and puts the last round(n * validation_fraction) into the
/// validation set, the rest into the training set. Throws hpsearch::Error when
/// validation_fraction is not in (0, 1), subset < 0 or > all.size(), or either set would
/// be empty.
Split split_dataset(Dataset all, double validation_fraction, std::uint64_t split_seed,
                    std::int64_t subset);

/// Checks spec cheaply, without reading all the data, so a search fails early with a clear
/// message: the format and split settings, the files exist, their headers / dtypes are
/// valid (IDX: both headers; HDF5: X and y; CSV: the header and first rows), and, where
/// the header tells the number of examples, that the split leaves both sets non-empty.
void probe_data(const DataSpec& spec);

/// A permutation of 0..n-1 that depends only on `seed` (mt19937_64 and our own
/// Fisher-Yates, so not on the standard library's distributions).
std::vector<std::size_t> shuffled_indices(std::size_t n, std::uint64_t seed);

} // namespace hpsearch::train
