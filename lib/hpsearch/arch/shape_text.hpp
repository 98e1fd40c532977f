#pragma once
// A tensor shape as text, for messages and summaries: one home for every module that names
// a shape (the architecture summary, the layer graph's unbuildable-node messages, the
// trainer's input check, the HDF5 reader).
#include <cstdint>
#include <string>
#include <vector>

namespace hpsearch::arch {

/// "[1, 28, 28]"; "[]" for no dimensions.
std::string shape_text(const std::vector<std::int64_t>& shape);
/// "1x28x28" (a layer's shape in the layer graph's messages); "" for no dimensions.
std::string shape_text_compact(const std::vector<std::int64_t>& shape);

} // namespace hpsearch::arch
