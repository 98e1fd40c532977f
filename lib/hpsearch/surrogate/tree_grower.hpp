#pragma once
// Internal to the tree builders: the depth-first growing loop shared by both splitters, the
// node statistics and split record they exchange, and the random feature order.
#include "hpsearch/surrogate/tree.hpp"
#include "hpsearch/surrogate/tree_builder.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

namespace hpsearch::grower {

struct NodeStats {
  double sum = 0.0;
  double sumsq = 0.0;
  std::int32_t count = 0;
  double mean() const { return sum / count; }
  double sse() const { return std::max(0.0, sumsq - sum * sum / count); }
};

/// Sum and sum of squares of y[begin, end), in four interleaved lanes (no long dependency
/// chain; the result is the same for a given input whatever the thread).
inline NodeStats node_stats(const double* y, std::int32_t begin, std::int32_t end) {
  double s[4] = {}, q[4] = {};
  std::int32_t i = begin;
  for (; i + 4 <= end; i += 4)
    for (int k = 0; k < 4; ++k) {
      s[k] += y[i + k];
      q[k] += y[i + k] * y[i + k];
    }
  for (; i < end; ++i) {
    s[0] += y[i];
    q[0] += y[i] * y[i];
  }
  return NodeStats{(s[0] + s[1]) + (s[2] + s[3]), (q[0] + q[1]) + (q[2] + q[3]), end - begin};
}

struct Split {
  std::int32_t feature = -1; ///< -1: no valid split
  bool categorical = false;  ///< one-vs-rest on the category code `value`
  double value = 0.0;        ///< threshold (v <= value goes left) or category code
  std::int32_t left_count = 0;
  double score = -std::numeric_limits<double>::infinity(); ///< sumL^2/nL + sumR^2/nR

  /// As Tree's walk decides (no branch: partitions call it once per row).
  bool goes_left(double v) const { return (v <= value) & (!categorical | (v >= value)); }
};

/// Visits features in random order (in column order when all are tried anyway).
class FeatureOrder {
public:
  FeatureOrder(std::size_t columns, int tried)
      : order_(columns), shuffle_(static_cast<std::size_t>(tried) < columns) {
    std::iota(order_.begin(), order_.end(), 0);
  }
  void start() { next_ = 0; }
  bool more() const { return next_ < order_.size(); }
  std::int32_t next(TreeRng& rng) {
    if (shuffle_) std::swap(order_[next_], order_[next_ + rng.below(order_.size() - next_)]);
    return order_[next_++];
  }

private:
  std::vector<std::int32_t> order_;
  bool shuffle_;
  std::size_t next_ = 0;
};

/// Grows a tree over samples [0, m) of `splitter`, which provides
///   Split find(begin, end, rng): the split of a node large enough to split, or none
///     (feature -1) when its targets are all equal or no split is valid;
///   NodeStats stats(begin, end): a leaf's statistics;
///   void partition(begin, end, split): left rows first, left_count of them.
template <class Splitter>
Tree grow(Splitter& splitter, std::int32_t m, const GrowParams& params, double offset, TreeRng& rng,
          TreeScratch& scratch) {
  struct Pending {
    std::int32_t node, begin, end;
  };
  auto& nodes = scratch.nodes;
  auto& mean = scratch.mean;
  auto& variance = scratch.variance;
  nodes.assign(1, TreeNode{});
  mean.assign(1, 0.0); // split nodes keep 0: never read
  variance.assign(1, 0.0);
  std::vector<Pending> stack{{0, 0, m}};
  while (!stack.empty()) {
    const Pending at = stack.back();
    stack.pop_back();
    const std::int32_t count = at.end - at.begin;
    const auto self = static_cast<std::size_t>(at.node);
    Split split;
    if (count >= params.min_samples_split && count >= 2 * params.min_samples_leaf)
      split = splitter.find(at.begin, at.end, rng);
    if (split.feature < 0) {
      const NodeStats stats = splitter.stats(at.begin, at.end);
      nodes[self] = TreeNode{std::numeric_limits<double>::infinity(), 0, at.node};
      mean[self] = stats.mean() + offset;
      variance[self] = stats.sse() / count;
      continue;
    }
    splitter.partition(at.begin, at.end, split);
    const auto left = static_cast<std::int32_t>(nodes.size());
    nodes[self] = TreeNode{split.value,
                           split.feature | (split.categorical ? TreeNode::kCategorical : 0), left};
    for (int child = 0; child < 2; ++child) { // push_back: no fill call per node
      nodes.push_back(TreeNode{});
      mean.push_back(0.0);
      variance.push_back(0.0);
    }
    const std::int32_t mid = at.begin + split.left_count;
    stack.push_back({left + 1, mid, at.end});
    stack.push_back({left, at.begin, mid});
  }
  return Tree(std::vector<TreeNode>(nodes.begin(), nodes.end()),
              std::vector<double>(mean.begin(), mean.end()),
              std::vector<double>(variance.begin(), variance.end()));
}

/// The categories present in a node and each one's sums, for one-vs-rest splits.
class CategoryBins {
public:
  void reset(int k) {
    count_.assign(static_cast<std::size_t>(k) + 1, 0);
    sum_.assign(static_cast<std::size_t>(k) + 1, 0.0);
    present_.clear();
  }
  void add(double code, double y) {
    const auto c = static_cast<std::size_t>(code);
    count_[c] += 1;
    sum_[c] += y;
  }
  /// Categories with rows, in increasing order.
  const std::vector<std::int32_t>& present() {
    for (std::size_t c = 0; c < count_.size(); ++c)
      if (count_[c] > 0) present_.push_back(static_cast<std::int32_t>(c));
    return present_;
  }
  std::int32_t count(std::int32_t c) const { return count_[static_cast<std::size_t>(c)]; }
  double sum(std::int32_t c) const { return sum_[static_cast<std::size_t>(c)]; }

private:
  std::vector<std::int32_t> count_;
  std::vector<double> sum_;
  std::vector<std::int32_t> present_;
};

/// Keeps the candidate split in `best` when both children are large enough and it scores
/// higher.
inline void consider(Split& best, const NodeStats& node, std::int32_t feature, bool categorical,
                     double value, std::int32_t left_count, double left_sum, int min_leaf) {
  const std::int32_t right_count = node.count - left_count;
  if (left_count < min_leaf || right_count < min_leaf) return;
  const double right_sum = node.sum - left_sum;
  const double score = left_sum * left_sum / left_count + right_sum * right_sum / right_count;
  if (score > best.score) best = Split{feature, categorical, value, left_count, score};
}

} // namespace hpsearch::grower
