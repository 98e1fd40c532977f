// build_best_tree: the CART splitter of random forests. Each feature keeps the tree's sample
// sorted by its values (built from the fit's presorted order in O(n), no sort per tree); a
// split partitions every feature's arrays stably, so each node's samples stay contiguous and
// sorted. Categorical features keep the same arrays, unsorted.
#include "hpsearch/surrogate/tree_builder.hpp"
#include "hpsearch/surrogate/tree_grower.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace hpsearch {

namespace {

using grower::NodeStats;
using grower::Split;

class BestSplitter {
public:
  BestSplitter(const TrainingData& data, const std::vector<std::vector<std::int32_t>>& order,
               std::span<const std::int32_t> rows, const GrowParams& params, TreeScratch& scratch)
      : categories_(data.categories), m_(rows.size()), min_leaf_(params.min_samples_leaf),
        max_features_(params.max_features), order_(data.categories.size(), params.max_features),
        values_(scratch.values), y_(scratch.y), id_(scratch.ids), left_(scratch.left),
        scratch_values_(scratch.spare_values), scratch_y_(scratch.spare_y),
        scratch_id_(scratch.spare_ids) {
    values_.resize(categories_.size() * m_);
    y_.resize(values_.size());
    id_.resize(values_.size());
    left_.resize(m_);
    scratch_values_.resize(m_);
    scratch_y_.resize(m_);
    scratch_id_.resize(m_);
    // Samples grouped by row: the samples of row r are by_row[first[r] .. first[r + 1]).
    const std::size_t n = data.x.rows();
    auto& first = scratch.first;
    first.assign(n + 1, 0);
    for (const auto r : rows) ++first[static_cast<std::size_t>(r) + 1];
    std::partial_sum(first.begin(), first.end(), first.begin());
    auto& by_row = scratch.by_row;
    by_row.resize(m_);
    {
      std::vector<std::int32_t> cursor(first.begin(), first.end() - 1);
      for (std::size_t s = 0; s < m_; ++s)
        by_row[static_cast<std::size_t>(cursor[static_cast<std::size_t>(rows[s])]++)] =
            static_cast<std::int32_t>(s);
    }
    for (std::size_t f = 0; f < categories_.size(); ++f) {
      const double* column = data.x[f];
      double* v = values_.data() + f * m_;
      double* y = y_.data() + f * m_;
      std::int32_t* id = id_.data() + f * m_;
      std::size_t pos = 0;
      auto put = [&](std::int32_t row, std::int32_t sample) {
        v[pos] = column[row];
        y[pos] = data.y[static_cast<std::size_t>(row)];
        id[pos++] = sample;
      };
      if (categories_[f] > 0) {
        for (std::size_t s = 0; s < m_; ++s) put(rows[s], static_cast<std::int32_t>(s));
        continue;
      }
      for (const auto r : order[f]) {
        const auto row = static_cast<std::size_t>(r);
        for (auto j = first[row]; j < first[row + 1]; ++j)
          put(r, by_row[static_cast<std::size_t>(j)]);
      }
    }
  }

  NodeStats stats(std::int32_t begin, std::int32_t end) const {
    return grower::node_stats(y_.data(), begin, end);
  }

  Split find(std::int32_t begin, std::int32_t end, TreeRng& rng) {
    const NodeStats node = stats(begin, end);
    if (!(node.sse() > 1e-12 * node.sumsq)) return {}; // all targets equal (up to rounding)
    Split best;
    int tried = 0;
    order_.start();
    while (order_.more() && (tried < max_features_ || best.feature < 0)) {
      const std::int32_t f = order_.next(rng);
      const auto offset = static_cast<std::size_t>(f) * m_;
      const double* v = values_.data() + offset;
      const double* y = y_.data() + offset;
      const int k = categories_[static_cast<std::size_t>(f)];
      if (k > 0) {
        bins_.reset(k);
        for (std::int32_t i = begin; i < end; ++i) bins_.add(v[i], y[i]);
        const auto& present = bins_.present();
        if (present.size() < 2) continue;
        ++tried;
        for (const auto c : present)
          grower::consider(best, node, f, true, c, bins_.count(c), bins_.sum(c), min_leaf_);
        continue;
      }
      if (!(v[end - 1] > v[begin])) continue; // sorted: constant in this node
      ++tried;
      double left_sum = 0.0;
      for (std::int32_t i = begin; i + 1 < end; ++i) {
        left_sum += y[i];
        if (!(v[i] < v[i + 1])) continue;
        const std::int32_t left_count = i + 1 - begin;
        if (left_count < min_leaf_) continue;
        if (node.count - left_count < min_leaf_) break;
        const double right_sum = node.sum - left_sum;
        const double score =
            left_sum * left_sum / left_count + right_sum * right_sum / (node.count - left_count);
        if (score > best.score) {
          double threshold = 0.5 * (v[i] + v[i + 1]);
          if (!(threshold < v[i + 1])) threshold = v[i];
          best = Split{f, false, threshold, left_count, score};
        }
      }
    }
    return best;
  }

  void partition(std::int32_t begin, std::int32_t end, const Split& split) {
    const auto chosen = static_cast<std::size_t>(split.feature) * m_;
    for (std::int32_t i = begin; i < end; ++i) {
      const double v = values_[chosen + static_cast<std::size_t>(i)];
      left_[static_cast<std::size_t>(id_[chosen + static_cast<std::size_t>(i)])] =
          split.goes_left(v);
    }
    for (std::size_t f = 0; f < categories_.size(); ++f) stable_partition(f * m_, begin, end);
  }

private:
  // Left samples move down in place (the write index never passes the read index); right
  // ones go through the scratch arrays. Both writes happen every step: no branch.
  void stable_partition(std::size_t offset, std::int32_t begin, std::int32_t end) {
    double* v = values_.data() + offset;
    double* y = y_.data() + offset;
    std::int32_t* id = id_.data() + offset;
    std::int32_t l = begin;
    std::size_t r = 0;
    for (std::int32_t i = begin; i < end; ++i) {
      const double vi = v[i];
      const double yi = y[i];
      const std::int32_t idi = id[i];
      const bool goes_left = left_[static_cast<std::size_t>(idi)] != 0;
      v[l] = vi;
      y[l] = yi;
      id[l] = idi;
      scratch_values_[r] = vi;
      scratch_y_[r] = yi;
      scratch_id_[r] = idi;
      l += goes_left;
      r += !goes_left;
    }
    std::copy_n(scratch_values_.begin(), r, v + l);
    std::copy_n(scratch_y_.begin(), r, y + l);
    std::copy_n(scratch_id_.begin(), r, id + l);
  }

  const std::vector<int>& categories_;
  std::size_t m_;
  int min_leaf_;
  int max_features_;
  grower::FeatureOrder order_;
  grower::CategoryBins bins_;
  std::vector<double>& values_; ///< per feature, m_ entries
  std::vector<double>& y_;
  std::vector<std::int32_t>& id_; ///< sample index of each entry
  std::vector<unsigned char>& left_;
  std::vector<double>& scratch_values_;
  std::vector<double>& scratch_y_;
  std::vector<std::int32_t>& scratch_id_;
};

} // namespace

Tree build_best_tree(const TrainingData& data, const std::vector<std::vector<std::int32_t>>& order,
                     std::span<const std::int32_t> rows, const GrowParams& params, TreeRng& rng,
                     TreeScratch& scratch) {
  BestSplitter splitter(data, order, rows, params, scratch);
  return grower::grow(splitter, static_cast<std::int32_t>(rows.size()), params, data.offset, rng,
                      scratch);
}

} // namespace hpsearch
