#include "hpsearch/core/shape_text.hpp"

namespace hpsearch {

namespace {

std::string joined(const std::vector<std::int64_t>& shape, const char* separator) {
  std::string out;
  for (std::size_t d = 0; d < shape.size(); ++d) {
    out += (d ? separator : "") + std::to_string(shape[d]);
  }
  return out;
}

} // namespace

std::string shape_text(const std::vector<std::int64_t>& shape) {
  return "[" + joined(shape, ", ") + "]";
}

std::string shape_text_compact(const std::vector<std::int64_t>& shape) {
  return joined(shape, "x");
}

} // namespace hpsearch
