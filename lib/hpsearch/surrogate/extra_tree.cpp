// build_extra_tree: the extra-trees splitter.
//
// Layout: the tree's sample is copied once into a row-major buffer (a row: y, the d column
// values, zero padding up to a multiple of eight values) that never moves; a node is a
// range of a permutation of row offsets, and a split partitions only those offsets.
//
// Why: a fully grown tree has about as many nodes as rows, most holding a handful of
// rows, and each row is visited at every level (~20 for 1,000 rows). So the cost is per
// node and per visited row, not per value: a node makes two passes over its rows, each
// handling eight values of a row at once in fixed-size vector code — the columns' min and
// max (with y's sum), then the left sums of every drawn threshold — and its split moves
// one offset per row instead of d + 1 values.
#include "hpsearch/surrogate/tree_builder.hpp"
#include "hpsearch/surrogate/tree_grower.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

namespace hpsearch {

namespace {

using grower::NodeStats;
using grower::Split;

constexpr std::size_t kChunk = 8; // values handled together; the row stride's multiple
constexpr double kInf = std::numeric_limits<double>::infinity();

// Two doubles as one value (GCC/Clang vector extension: SSE2 on x86-64, NEON on ARM), so
// the eight-value loops are vector code whatever the target flags (the compiler left the
// plain loops scalar).
using Pair = double __attribute__((vector_size(16)));
using PairMask = std::int64_t __attribute__((vector_size(16))); // a comparison's result
constexpr std::size_t kPairs = kChunk / 2;

Pair load(const double* at) {
  Pair v;
  std::memcpy(&v, at, sizeof v);
  return v;
}
void store(double* at, Pair v) {
  std::memcpy(at, &v, sizeof v);
}

class ExtraSplitter {
public:
  ExtraSplitter(const TrainingData& data, std::span<const std::int32_t> rows,
                const GrowParams& params, TreeScratch& scratch)
      : categories_(data.categories), d_(categories_.size()),
        stride_((d_ + 1 + kChunk - 1) / kChunk * kChunk), min_leaf_(params.min_samples_leaf),
        max_features_(params.max_features),
        plain_(static_cast<std::size_t>(params.max_features) >= d_ &&
               std::all_of(categories_.begin(), categories_.end(), [](int k) { return k == 0; })),
        order_(d_, params.max_features), rows_(scratch.values), index_(scratch.offsets),
        spare_(scratch.spare_offsets), lo_(stride_), hi_(stride_), threshold_(stride_, -kInf),
        sum_(stride_), count_(stride_) {
    const std::size_t m = rows.size();
    rows_.assign(m * stride_, 0.0);
    for (std::size_t i = 0; i < m; ++i)
      rows_[i * stride_] = data.y[static_cast<std::size_t>(rows[i])];
    for (std::size_t f = 0; f < d_; ++f) {
      const double* column = data.x[f];
      for (std::size_t i = 0; i < m; ++i) rows_[i * stride_ + 1 + f] = column[rows[i]];
    }
    index_.resize(m);
    spare_.resize(m);
    for (std::size_t i = 0; i < m; ++i) index_[i] = i * stride_;
  }

  NodeStats stats(std::int32_t begin, std::int32_t end) const {
    NodeStats out{0.0, 0.0, end - begin};
    for (std::int32_t i = begin; i < end; ++i) {
      const double y = row(i)[0];
      out.sum += y;
      out.sumsq += y * y;
    }
    return out;
  }

  Split find(std::int32_t begin, std::int32_t end, TreeRng& rng) {
    if (end - begin == 2) return split_pair(begin, rng);
    const NodeStats node = bounds(begin, end);
    if (!(hi_[0] > lo_[0])) return {}; // all targets equal: a leaf
    if (plain_) return find_plain(begin, end, node, rng);
    Split best;
    int tried = 0;
    order_.start();
    // Draw thresholds for the features still wanted, score them in one pass over the rows;
    // then one more feature at a time while no split is valid (min_samples_leaf).
    while (order_.more() && (tried < max_features_ || best.feature < 0)) {
      int wanted = tried < max_features_ ? max_features_ - tried : 1;
      std::fill(threshold_.begin(), threshold_.end(), -kInf); // -inf: nothing goes left
      drawn_.clear();
      while (wanted > 0 && order_.more()) {
        const std::int32_t f = order_.next(rng);
        const std::size_t col = static_cast<std::size_t>(f) + 1;
        if (categories_[col - 1] > 0) {
          if (!try_category(begin, end, node, f, rng, best)) continue;
        } else {
          if (!(hi_[col] > lo_[col])) continue; // constant in this node
          threshold_[col] = draw_threshold(lo_[col], hi_[col], rng);
          drawn_.push_back(f);
        }
        ++tried;
        --wanted;
      }
      if (drawn_.empty()) continue;
      left_sums(begin, end);
      for (const auto f : drawn_) {
        const std::size_t col = static_cast<std::size_t>(f) + 1;
        grower::consider(best, node, f, false, threshold_[col],
                         static_cast<std::int32_t>(count_[col]), sum_[col], min_leaf_);
      }
    }
    return best;
  }

  void partition(std::int32_t begin, std::int32_t end, const Split& split) {
    const std::size_t col = static_cast<std::size_t>(split.feature) + 1;
    const double value = split.value;
    if (split.categorical)
      partition(begin, end, [&](std::size_t at) { return rows_[at + col] == value; });
    else
      partition(begin, end, [&](std::size_t at) { return rows_[at + col] <= value; });
  }

private:
  const double* row(std::int32_t i) const {
    return rows_.data() + index_[static_cast<std::size_t>(i)];
  }

  // Through spare_: left rows fill it from the front, right ones from the back (the right
  // side ends up reversed). Each offset is written to both ends: no data-dependent branch.
  template <class GoesLeft>
  void partition(std::int32_t begin, std::int32_t end, GoesLeft goes_left) {
    std::size_t* from = index_.data() + begin;
    const auto n = static_cast<std::ptrdiff_t>(end - begin);
    std::ptrdiff_t left = 0;
    std::ptrdiff_t right = n - 1;
    for (std::ptrdiff_t i = 0; i < n; ++i) {
      const std::size_t at = from[i];
      const bool is_left = goes_left(at);
      spare_[static_cast<std::size_t>(left)] = at;
      spare_[static_cast<std::size_t>(right)] = at; // right >= left until the last row
      left += is_left;
      right -= !is_left;
    }
    for (std::ptrdiff_t i = 0; i < n; ++i) from[i] = spare_[static_cast<std::size_t>(i)];
  }

  // Uniform in [lo, hi) (rounding can reach hi: then lo), so both sides are non-empty.
  static double draw_threshold(double lo, double hi, TreeRng& rng) {
    const double t = lo + rng.unit() * (hi - lo);
    return t < hi ? t : lo;
  }

  // Every feature ordered and tried (the default): one threshold per column without the
  // feature-order bookkeeping, and the best split picked without branches (they would be
  // mispredicted: which features are constant, which one wins, is random).
  Split find_plain(std::int32_t begin, std::int32_t end, const NodeStats& node, TreeRng& rng) {
    for (std::size_t col = 1; col <= d_; ++col) {
      const double t = draw_threshold(lo_[col], hi_[col], rng);
      threshold_[col] = hi_[col] > lo_[col] ? t : -kInf; // -inf: constant, not tried
    }
    left_sums(begin, end);
    double best_score = -kInf;
    std::size_t best = 0;
    for (std::size_t col = 1; col <= d_; ++col) {
      const double left = count_[col];
      const double right = node.count - left;
      const double right_sum = node.sum - sum_[col];
      const double score = sum_[col] * sum_[col] / left + right_sum * right_sum / right;
      const bool better = (left >= min_leaf_) & (right >= min_leaf_) & (score > best_score);
      best_score = better ? score : best_score;
      best = better ? col : best;
    }
    if (best == 0) return {};
    return Split{static_cast<std::int32_t>(best - 1), false, threshold_[best],
                 static_cast<std::int32_t>(count_[best]), best_score};
  }

  // A node of two rows with different targets: every feature whose two values differ
  // splits it the same way, with the same score, so the first one in the feature order
  // wins (as it would in find's general path, where ties keep the first).
  Split split_pair(std::int32_t begin, TreeRng& rng) {
    const double* a = row(begin);
    const double* b = row(begin + 1);
    if (!(a[0] != b[0])) return {};
    order_.start();
    while (order_.more()) {
      const std::int32_t f = order_.next(rng);
      const std::size_t col = static_cast<std::size_t>(f) + 1;
      if (!(a[col] != b[col])) continue;
      const double lo = std::min(a[col], b[col]);
      if (categories_[col - 1] > 0) // one of the two categories, against the other
        return Split{f, true, rng.below(2) == 0 ? lo : std::max(a[col], b[col]), 1, 0.0};
      return Split{f, false, draw_threshold(lo, std::max(a[col], b[col]), rng), 1, 0.0};
    }
    return {};
  }

  // Every value's min and max over the node into lo_ and hi_; returns y's statistics
  // (sum and count; sumsq is left 0: only leaves need it).
  NodeStats bounds(std::int32_t begin, std::int32_t end) {
    double y_total = 0.0;
    for (std::size_t c = 0; c < stride_; c += kChunk) {
      Pair lo[kPairs], hi[kPairs];
      for (std::size_t p = 0; p < kPairs; ++p) lo[p] = hi[p] = load(row(begin) + c + 2 * p);
      Pair y_sum = lo[0];
      for (std::int32_t i = begin + 1; i < end; ++i) {
        const double* at = row(i) + c;
        for (std::size_t p = 0; p < kPairs; ++p) {
          const Pair v = load(at + 2 * p);
          lo[p] = v < lo[p] ? v : lo[p];
          hi[p] = v > hi[p] ? v : hi[p];
        }
        y_sum += load(at); // kept from the first chunk only, where lane 0 is y
      }
      for (std::size_t p = 0; p < kPairs; ++p) {
        store(lo_.data() + c + 2 * p, lo[p]);
        store(hi_.data() + c + 2 * p, hi[p]);
      }
      if (c == 0) y_total = y_sum[0];
    }
    return NodeStats{y_total, 0.0, end - begin};
  }

  // Count and sum of y of the rows at or below each value's threshold, into count_ and
  // sum_ (only the chunks holding a drawn threshold are scanned).
  void left_sums(std::int32_t begin, std::int32_t end) {
    for (std::size_t c = 0; c < stride_; c += kChunk) {
      const double* t = threshold_.data() + c;
      if (std::all_of(t, t + kChunk, [](double x) { return x == -kInf; })) continue;
      Pair threshold[kPairs], sum[kPairs] = {};
      PairMask count[kPairs] = {};
      for (std::size_t p = 0; p < kPairs; ++p) threshold[p] = load(t + 2 * p);
      for (std::int32_t i = begin; i < end; ++i) {
        const double* at = row(i);
        const auto y = std::bit_cast<PairMask>(Pair{at[0], at[0]});
        for (std::size_t p = 0; p < kPairs; ++p) {
          const PairMask left = load(at + c + 2 * p) <= threshold[p]; // all ones or 0
          sum[p] += std::bit_cast<Pair>(y & left);
          count[p] -= left;
        }
      }
      for (std::size_t p = 0; p < kPairs; ++p) {
        store(sum_.data() + c + 2 * p, sum[p]);
        count_[c + 2 * p] = static_cast<double>(count[p][0]);
        count_[c + 2 * p + 1] = static_cast<double>(count[p][1]);
      }
    }
  }

  // One random category present in the node, one-vs-rest; false when the column is
  // constant in the node.
  bool try_category(std::int32_t begin, std::int32_t end, const NodeStats& node, std::int32_t f,
                    TreeRng& rng, Split& best) {
    const std::size_t col = static_cast<std::size_t>(f) + 1;
    bins_.reset(categories_[col - 1]);
    for (std::int32_t i = begin; i < end; ++i) bins_.add(row(i)[col], row(i)[0]);
    const auto& present = bins_.present();
    if (present.size() < 2) return false;
    const std::int32_t c = present[rng.below(present.size())];
    grower::consider(best, node, f, true, c, bins_.count(c), bins_.sum(c), min_leaf_);
    return true;
  }

  const std::vector<int>& categories_;
  std::size_t d_;
  std::size_t stride_; ///< values per row: y, d_ columns, padding
  int min_leaf_;
  int max_features_;
  bool plain_; ///< all features ordered and all tried: find_plain
  grower::FeatureOrder order_;
  grower::CategoryBins bins_;
  std::vector<double>& rows_;       ///< row-major sample, never reordered
  std::vector<std::size_t>& index_; ///< each node's rows (offsets in rows_), contiguous
  std::vector<std::size_t>& spare_; ///< a split's right rows, briefly
  std::vector<double> lo_, hi_, threshold_, sum_, count_; ///< per row value (0: y)
  std::vector<std::int32_t> drawn_;                       ///< ordered features drawn
};

} // namespace

Tree build_extra_tree(const TrainingData& data, std::span<const std::int32_t> rows,
                      const GrowParams& params, TreeRng& rng, TreeScratch& scratch) {
  ExtraSplitter splitter(data, rows, params, scratch);
  return grower::grow(splitter, static_cast<std::int32_t>(rows.size()), params, data.offset, rng,
                      scratch);
}

} // namespace hpsearch
