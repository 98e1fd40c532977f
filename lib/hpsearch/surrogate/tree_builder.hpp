#pragma once
// Building one regression tree from a sample of the training rows.
//   build_extra_tree: extra trees — at each node, for each feature tried, one threshold drawn
//     uniformly between the node's min and max (ordered), or one category present in the
//     node drawn at random (categorical, one-vs-rest); the best of these splits is kept.
//   build_best_tree: CART — the best threshold over the sorted values of each feature tried
//     (presorted once per fit, kept sorted per node by stable partitioning), the best
//     category for a categorical feature.
// Both split on variance reduction and grow until a node is pure or too small.
#include "hpsearch/core/rng.hpp"
#include "hpsearch/surrogate/columns.hpp"
#include "hpsearch/surrogate/tree.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace hpsearch {

struct GrowParams {
  int max_features = 1;      ///< features tried per node (more while no valid split is found)
  int min_samples_split = 2; ///< a node with fewer rows is a leaf
  int min_samples_leaf = 1;  ///< rows each child keeps at least
};

struct TrainingData {
  const Columns& x;                   ///< all rows, categorical columns as codes
  std::span<const double> y;          ///< targets, centred (y - offset)
  double offset = 0.0;                ///< added back to every leaf mean
  const std::vector<int>& categories; ///< per column: 0 ordered, k categorical
};

/// Buffers the builders reuse from one tree to the next (one set per thread), so growing a
/// tree allocates only the finished tree's node array.
struct TreeScratch {
  std::vector<double> values, y, spare_values, spare_y;
  std::vector<std::int32_t> ids, perm, spare_ids, rows, first, by_row;
  std::vector<unsigned char> left;
  std::vector<TreeNode> nodes;
};

/// The rows one tree trains on, into `rows`: `m` of the `n` rows, drawn with replacement
/// when `bootstrap`, else without (all rows in order when m == n).
void draw_rows(std::size_t n, std::size_t m, bool bootstrap, Rng& rng,
               std::vector<std::int32_t>& rows);

Tree build_extra_tree(const TrainingData& data, std::span<const std::int32_t> rows,
                      const GrowParams& params, Rng& rng, TreeScratch& scratch);

/// Rows 0..n-1 sorted by each ordered column (ties by row); empty for categorical columns.
std::vector<std::int32_t> presort_column(const Columns& x, std::size_t column);

/// `order[f]` from presort_column for every column.
Tree build_best_tree(const TrainingData& data, const std::vector<std::vector<std::int32_t>>& order,
                     std::span<const std::int32_t> rows, const GrowParams& params, Rng& rng,
                     TreeScratch& scratch);

} // namespace hpsearch
