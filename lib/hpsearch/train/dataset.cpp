#include "hpsearch/train/dataset.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <stdexcept>

namespace hpsearch::train {

std::size_t Dataset::feature_size() const {
  std::size_t n = 1;
  for (const std::int64_t d : sample_shape) n *= static_cast<std::size_t>(d);
  return n;
}

Dataset take(const Dataset& data, std::span<const std::size_t> indices) {
  const std::size_t width = data.feature_size();
  Dataset out;
  out.sample_shape = data.sample_shape;
  out.classes = data.classes;
  out.labels.reserve(indices.size());
  out.features.resize(indices.size() * width);
  auto dest = out.features.begin();
  for (const std::size_t i : indices) {
    if (i >= data.size()) {
      throw Error::internal("train::take: index " + std::to_string(i) +
                            " >= " + std::to_string(data.size()) + " examples");
    }
    out.labels.push_back(data.labels[i]);
    const auto row = data.features.begin() + static_cast<std::ptrdiff_t>(i * width);
    dest = std::copy(row, row + static_cast<std::ptrdiff_t>(width), dest);
  }
  return out;
}

} // namespace hpsearch::train
