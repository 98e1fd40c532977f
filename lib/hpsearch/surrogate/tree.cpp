#include "hpsearch/surrogate/tree.hpp"

#include <algorithm>
#include <utility>

namespace hpsearch {

namespace {

constexpr std::size_t kLanes = 8; // rows walked in step: their memory loads overlap

// One step from `node` for `row`: a row goes right when v > value (so NaN and every value
// at a leaf, whose value is +inf, go "left", i.e. stay); a one-vs-rest split also sends
// v < value right. No branch: the walk's cost does not depend on guessing directions.
template <bool Categorical> std::int32_t step(const TreeNode& node, const double* row) {
  if constexpr (Categorical) {
    const double v = row[node.feature & TreeNode::kFeatureMask];
    const bool one_vs_rest = (node.feature & TreeNode::kCategorical) != 0;
    return node.next +
           static_cast<std::int32_t>((v > node.value) | (one_vs_rest & (v < node.value)));
  } else {
    return node.next + static_cast<std::int32_t>(row[node.feature] > node.value);
  }
}

template <bool Categorical>
void walk(const TreeNode* nodes, const double* rows, std::size_t width, std::size_t count,
          std::int32_t* out) {
  for (std::size_t i = 0; i < count; i += kLanes) {
    const std::size_t lanes = std::min(kLanes, count - i);
    const double* row[kLanes];
    for (std::size_t k = 0; k < kLanes; ++k) row[k] = rows + (i + std::min(k, lanes - 1)) * width;
    std::int32_t at[kLanes] = {};
    // Leaves are fixed points: stop after the first step in which no row moved.
    for (bool moved = true; moved;) {
      moved = false;
      for (std::size_t k = 0; k < kLanes; ++k) {
        const std::int32_t to = step<Categorical>(nodes[at[k]], row[k]);
        moved |= to != at[k];
        at[k] = to;
      }
    }
    std::copy_n(at, lanes, out + i);
  }
}

} // namespace

Tree::Tree(std::vector<TreeNode> nodes, std::vector<double> mean, std::vector<double> variance)
    : nodes_(std::move(nodes)), mean_(std::move(mean)), variance_(std::move(variance)),
      categorical_(std::any_of(nodes_.begin(), nodes_.end(), [](const TreeNode& node) {
        return (node.feature & TreeNode::kCategorical) != 0;
      })) {}

void Tree::leaves(const double* rows, std::size_t width, std::size_t count,
                  std::int32_t* out) const {
  if (categorical_)
    walk<true>(nodes_.data(), rows, width, count, out);
  else
    walk<false>(nodes_.data(), rows, width, count, out);
}

bool operator==(const Tree& a, const Tree& b) {
  return a.mean_ == b.mean_ && a.variance_ == b.variance_ &&
         std::equal(a.nodes_.begin(), a.nodes_.end(), b.nodes_.begin(), b.nodes_.end(),
                    [](const TreeNode& x, const TreeNode& y) {
                      return x.value == y.value && x.feature == y.feature && x.next == y.next;
                    });
}

} // namespace hpsearch
