#include "hpsearch/surrogate/tree.hpp"

#include <algorithm>

namespace hpsearch {

void Tree::leaves(const double* rows, std::size_t width, std::size_t count,
                  const TreeNode** out) const {
  constexpr std::size_t kLanes = 8;
  std::size_t i = 0;
  for (; i + kLanes <= count; i += kLanes) {
    std::int32_t at[kLanes] = {};
    bool moving = true;
    while (moving) {
      moving = false;
      for (std::size_t k = 0; k < kLanes; ++k) {
        const TreeNode& node = nodes_[static_cast<std::size_t>(at[k])];
        if (node.feature < 0) continue;
        const double v = rows[(i + k) * width + static_cast<std::size_t>(node.feature)];
        at[k] = node.left + static_cast<std::int32_t>(!((v >= node.lo) & (v <= node.hi)));
        moving = true;
      }
    }
    for (std::size_t k = 0; k < kLanes; ++k) out[i + k] = &nodes_[static_cast<std::size_t>(at[k])];
  }
  for (; i < count; ++i) out[i] = &leaf(rows + i * width);
}

bool operator==(const Tree& a, const Tree& b) {
  return std::equal(a.nodes_.begin(), a.nodes_.end(), b.nodes_.begin(), b.nodes_.end(),
                    [](const TreeNode& x, const TreeNode& y) {
                      return x.lo == y.lo && x.hi == y.hi && x.feature == y.feature &&
                             x.left == y.left;
                    });
}

} // namespace hpsearch
