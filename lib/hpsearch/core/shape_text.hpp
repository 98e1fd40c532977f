#pragma once
// A tensor shape as text, for messages and summaries: one home for every module that names
// a shape (arch's layer graph, config's architecture summary, train's network builder and
// HDF5 reader; in core because train may include no other module's headers).
#include <cstdint>
#include <string>
#include <vector>

namespace hpsearch {

/// "[1, 28, 28]"; "[]" for no dimensions.
std::string shape_text(const std::vector<std::int64_t>& shape);
/// "1x28x28" (a layer's shape in the layer graph's messages); "" for no dimensions.
std::string shape_text_compact(const std::vector<std::int64_t>& shape);

} // namespace hpsearch
