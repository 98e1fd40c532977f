#pragma once
// Tree: one regression tree as a flat array of nodes (no per-node allocation). A split node
// sends a row left when lo <= v <= hi for its feature's value v (read through Columns):
// an ordered split is (-inf, threshold], a categorical one-vs-rest split is [c, c] on the
// category code. The right child always follows the left one.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hpsearch {

struct TreeNode {
  double lo = 0.0;           ///< split: lower bound; leaf: mean of its rows
  double hi = 0.0;           ///< split: upper bound; leaf: variance of its rows
  std::int32_t feature = -1; ///< split feature; -1 for a leaf
  std::int32_t left = 0;     ///< split: index of the left child (right = left + 1)
};

class Tree {
public:
  std::vector<TreeNode>& nodes() { return nodes_; }
  const std::vector<TreeNode>& nodes() const { return nodes_; }

  /// The leaf a row falls into; `row` holds the row's values (categorical ones as codes).
  const TreeNode& leaf(const double* row) const {
    std::int32_t i = 0;
    for (;;) {
      const TreeNode& node = nodes_[static_cast<std::size_t>(i)];
      if (node.feature < 0) return node;
      const double v = row[node.feature];
      i = node.left + static_cast<std::int32_t>(!((v >= node.lo) & (v <= node.hi)));
    }
  }

  /// leaf() for `count` rows stored row-major `width` values apart, several rows walked in
  /// step so their memory loads overlap.
  void leaves(const double* rows, std::size_t width, std::size_t count, const TreeNode** out) const;

  friend bool operator==(const Tree& a, const Tree& b);

private:
  std::vector<TreeNode> nodes_;
};

} // namespace hpsearch
