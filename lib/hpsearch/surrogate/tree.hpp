#pragma once
// Tree: one regression tree as a flat array of 16-byte nodes (four to a cache line; the
// right child always follows the left one). A row goes left at an ordered split when
// v <= value, at a categorical one-vs-rest split when v == value (the category code).
//
// A leaf is a node that sends every row to itself (value +inf, next = its own index), so
// a walk needs no leaf test per step: it stops when no row moved. Leaf means and variances
// live in arrays beside the nodes, read once per row at the end.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace hpsearch {

struct TreeNode {
  static constexpr std::int32_t kCategorical = 1 << 30; ///< flag on `feature`
  static constexpr std::int32_t kFeatureMask = kCategorical - 1;

  double value = std::numeric_limits<double>::infinity(); ///< threshold or category code
  std::int32_t feature = 0; ///< split column, | kCategorical for one-vs-rest
  std::int32_t next = 0;    ///< left child (right = next + 1); a leaf: itself

  bool is_leaf(std::int32_t self) const { return next == self; }
};

class Tree {
public:
  Tree() = default;
  /// `mean` and `variance` hold each leaf's statistics at the leaf's node index.
  Tree(std::vector<TreeNode> nodes, std::vector<double> mean, std::vector<double> variance);

  const std::vector<TreeNode>& nodes() const { return nodes_; }
  double mean(std::int32_t leaf) const { return mean_[static_cast<std::size_t>(leaf)]; }
  double variance(std::int32_t leaf) const { return variance_[static_cast<std::size_t>(leaf)]; }

  /// The leaf (node index) each of `count` rows falls into; rows are stored row-major
  /// `width` values apart, categorical values as codes.
  void leaves(const double* rows, std::size_t width, std::size_t count, std::int32_t* out) const;

  friend bool operator==(const Tree& a, const Tree& b);

private:
  std::vector<TreeNode> nodes_;
  std::vector<double> mean_, variance_;
  bool categorical_ = false; ///< some split is one-vs-rest (the slower walk is needed)
};

} // namespace hpsearch
