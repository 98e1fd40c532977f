#pragma once
// Where the built-in data sets live when a problem gives no data path, and the formats the
// trainer reads.
#include <span>
#include <string>
#include <string_view>

namespace hpsearch::train {

/// fashion_mnist: /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist);
/// mnist: /usr/share/datasets/mnist (same IDX layout); hdf5, csv and anything else: ""
/// (a path is required).
std::string default_data_path(std::string_view format);

/// fashion_mnist, mnist, hdf5, csv.
std::span<const std::string_view> data_formats();

} // namespace hpsearch::train
