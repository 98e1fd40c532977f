#include "hpsearch/core/shape_text.hpp"

namespace hpsearch {

namespace {

std::string joined(const std::vector<std::int64_t>& shape, const char* separator) {
  // Appended piece by piece: `"[" + ...` and `(sep) + to_string(...)` temporaries trip GCC
  // 12's false -Wrestrict inside std::string at -O3 (a Release build with -Werror failed).
  std::string out;
  for (std::size_t d = 0; d < shape.size(); ++d) {
    if (d > 0) out.append(separator);
    out.append(std::to_string(shape[d]));
  }
  return out;
}

} // namespace

std::string shape_text(const std::vector<std::int64_t>& shape) {
  std::string out = "[";
  out.append(joined(shape, ", "));
  out.push_back(']');
  return out;
}

std::string shape_text_compact(const std::vector<std::int64_t>& shape) {
  return joined(shape, "x");
}

} // namespace hpsearch
