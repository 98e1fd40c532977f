#include "hpsearch/train/data_paths.hpp"

#include <array>

namespace hpsearch::train {

namespace {

constexpr std::array<std::string_view, 4> kFormats{"fashion_mnist", "mnist", "hdf5", "csv"};

} // namespace

std::string default_data_path(std::string_view format) {
  if (format == "fashion_mnist") return "/usr/share/datasets/fashion-mnist";
  if (format == "mnist") return "/usr/share/datasets/mnist";
  return {};
}

std::span<const std::string_view> data_formats() {
  return kFormats;
}

} // namespace hpsearch::train
