// build_extra_tree: the extra-trees splitter. The tree's sample is copied column by column
// into one buffer that is partitioned in place as the tree grows, so every node's rows are
// contiguous in each column and scans run over contiguous memory.
#include "hpsearch/surrogate/tree_builder.hpp"
#include "hpsearch/surrogate/tree_grower.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace hpsearch {

namespace {

using grower::NodeStats;
using grower::Split;

constexpr double kInf = std::numeric_limits<double>::infinity();

// The loops below keep four independent lanes and no data-dependent branch.
void min_max(const double* v, std::int32_t begin, std::int32_t end, double& lo, double& hi) {
  double l[4] = {v[begin], v[begin], v[begin], v[begin]};
  double h[4] = {v[begin], v[begin], v[begin], v[begin]};
  std::int32_t i = begin;
  for (; i + 4 <= end; i += 4)
    for (int k = 0; k < 4; ++k) {
      l[k] = v[i + k] < l[k] ? v[i + k] : l[k];
      h[k] = v[i + k] > h[k] ? v[i + k] : h[k];
    }
  for (; i < end; ++i) {
    l[0] = v[i] < l[0] ? v[i] : l[0];
    h[0] = v[i] > h[0] ? v[i] : h[0];
  }
  lo = std::min(std::min(l[0], l[1]), std::min(l[2], l[3]));
  hi = std::max(std::max(h[0], h[1]), std::max(h[2], h[3]));
}

double sum_at_or_below(const double* v, const double* y, std::int32_t begin, std::int32_t end,
                       double threshold, std::int32_t& count) {
  double s[4] = {};
  std::int32_t c[4] = {};
  std::int32_t i = begin;
  for (; i + 4 <= end; i += 4)
    for (int k = 0; k < 4; ++k) {
      const bool left = v[i + k] <= threshold;
      s[k] += static_cast<double>(left) * y[i + k];
      c[k] += left;
    }
  for (; i < end; ++i) {
    const bool left = v[i] <= threshold;
    s[0] += static_cast<double>(left) * y[i];
    c[0] += left;
  }
  count = (c[0] + c[1]) + (c[2] + c[3]);
  return (s[0] + s[1]) + (s[2] + s[3]);
}

class ExtraSplitter {
public:
  ExtraSplitter(const TrainingData& data, std::span<const std::int32_t> rows,
                const GrowParams& params, TreeScratch& scratch)
      : categories_(data.categories), m_(rows.size()), min_leaf_(params.min_samples_leaf),
        max_features_(params.max_features), order_(data.categories.size(), params.max_features),
        values_(scratch.values), y_(scratch.y), scratch_(scratch.spare_values),
        perm_(scratch.perm) {
    values_.resize(categories_.size() * m_);
    y_.resize(m_);
    scratch_.resize(m_);
    perm_.resize(m_);
    for (std::size_t f = 0; f < categories_.size(); ++f) {
      const double* column = data.x[f];
      double* out = values_.data() + f * m_;
      for (std::size_t i = 0; i < m_; ++i) out[i] = column[rows[i]];
    }
    for (std::size_t i = 0; i < m_; ++i) y_[i] = data.y[static_cast<std::size_t>(rows[i])];
  }

  NodeStats stats(std::int32_t begin, std::int32_t end) const {
    return grower::node_stats(y_.data(), begin, end);
  }

  Split find(std::int32_t begin, std::int32_t end, const NodeStats& node, Rng& rng) {
    Split best;
    int tried = 0;
    order_.start();
    while (order_.more() && (tried < max_features_ || best.feature < 0)) {
      const std::int32_t f = order_.next(rng);
      const double* v = column(f);
      const double* y = y_.data();
      const int k = categories_[static_cast<std::size_t>(f)];
      if (k > 0) {
        bins_.reset(k);
        for (std::int32_t i = begin; i < end; ++i) bins_.add(v[i], y[i]);
        const auto& present = bins_.present();
        if (present.size() < 2) continue; // constant in this node
        ++tried;
        const std::int32_t c = present[grower::below(rng, present.size())];
        grower::consider(best, node, f, c, c, bins_.count(c), bins_.sum(c), min_leaf_);
        continue;
      }
      double lo = 0.0;
      double hi = 0.0;
      min_max(v, begin, end, lo, hi);
      if (!(hi > lo)) continue; // constant in this node
      ++tried;
      double threshold = lo + grower::unit(rng) * (hi - lo);
      if (threshold >= hi) threshold = lo; // keeps lo <= threshold < hi: both sides non-empty
      std::int32_t left_count = 0;
      const double left_sum = sum_at_or_below(v, y, begin, end, threshold, left_count);
      grower::consider(best, node, f, -kInf, threshold, left_count, left_sum, min_leaf_);
    }
    return best;
  }

  void partition(std::int32_t begin, std::int32_t end, const Split& split) {
    const double* v = column(split.feature);
    std::int32_t left = 0;
    std::int32_t right = split.left_count;
    for (std::int32_t i = begin; i < end; ++i) {
      const bool goes_left = (v[i] >= split.lo) & (v[i] <= split.hi);
      perm_[static_cast<std::size_t>(goes_left ? left : right)] = i;
      left += goes_left;
      right += !goes_left;
    }
    for (std::size_t f = 0; f < categories_.size(); ++f)
      reorder(values_.data() + f * m_, begin, end);
    reorder(y_.data(), begin, end);
  }

private:
  const double* column(std::int32_t f) const {
    return values_.data() + static_cast<std::size_t>(f) * m_;
  }

  void reorder(double* data, std::int32_t begin, std::int32_t end) {
    const auto count = static_cast<std::size_t>(end - begin);
    for (std::size_t j = 0; j < count; ++j) scratch_[j] = data[perm_[j]];
    std::memcpy(data + begin, scratch_.data(), count * sizeof(double));
  }

  const std::vector<int>& categories_;
  std::size_t m_;
  int min_leaf_;
  int max_features_;
  grower::FeatureOrder order_;
  grower::CategoryBins bins_;
  std::vector<double>& values_; ///< column-major, m_ rows per column
  std::vector<double>& y_;
  std::vector<double>& scratch_;
  std::vector<std::int32_t>& perm_;
};

} // namespace

Tree build_extra_tree(const TrainingData& data, std::span<const std::int32_t> rows,
                      const GrowParams& params, Rng& rng, TreeScratch& scratch) {
  ExtraSplitter splitter(data, rows, params, scratch);
  return grower::grow(splitter, static_cast<std::int32_t>(rows.size()), params, data.offset, rng,
                      scratch.nodes);
}

} // namespace hpsearch
