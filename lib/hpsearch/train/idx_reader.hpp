#pragma once
// IDX files (the MNIST / Fashion-MNIST format): a big-endian header (magic 0x000008NN for
// unsigned bytes, NN the number of dimensions, then one uint32 per dimension) followed by
// the data. Files may be gzip-compressed (.gz) or plain.
#include "hpsearch/train/dataset.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace hpsearch::train {

/// Reads `<folder>/<part>-images-idx3-ubyte[.gz]` and `<part>-labels-idx1-ubyte[.gz]`
/// (`part` is "train" or "t10k"): pixels scaled to [0, 1], sample_shape {1, rows, cols},
/// classes = the largest label + 1. Throws hpsearch::Error naming the file and what was
/// expected: a missing file, a bad header, truncated data, or differing counts.
Dataset read_idx(const std::string& folder, std::string_view part);

/// Checks the same files' headers only (both exist, are IDX of the right rank, and agree
/// on the count) and returns the number of examples. Throws as read_idx does.
std::size_t probe_idx(const std::string& folder, std::string_view part);

} // namespace hpsearch::train
