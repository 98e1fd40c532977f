#pragma once
// Building one regression tree from a sample of the training rows.
//   build_extra_tree: extra trees — at each node, for each feature tried, one threshold drawn
//     uniformly between the node's min and max (ordered), or one category present in the
//     node drawn at random (categorical, one-vs-rest); the best of these splits is kept.
//   build_best_tree: CART — the best threshold over the sorted values of each feature tried
//     (presorted once per fit, kept sorted per node by stable partitioning), the best
//     category for a categorical feature.
// Both split on variance reduction and grow until a node is pure or too small.
#include "hpsearch/surrogate/columns.hpp"
#include "hpsearch/surrogate/tree.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace hpsearch {

/// The random stream of one tree: splitmix64, seeded from the tree's own seed. A draw is a
/// handful of instructions (mt19937_64 costs several times that plus a 2.5 KB state to
/// seed per tree), and the statistical quality is ample for drawing rows and thresholds.
class TreeRng {
public:
  explicit TreeRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform in [0, n) (modulo bias below n / 2^64).
  std::size_t below(std::size_t n) { return next() % n; }

private:
  std::uint64_t state_;
};

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
/// tree allocates only the finished tree's arrays.
struct TreeScratch {
  std::vector<double> values, y, spare_values, spare_y, mean, variance;
  std::vector<std::int32_t> ids, spare_ids, rows, first, by_row;
  std::vector<std::size_t> offsets, spare_offsets;
  std::vector<unsigned char> left;
  std::vector<TreeNode> nodes;
};

/// The rows one tree trains on, into `rows`: `m` of the `n` rows, drawn with replacement
/// when `bootstrap`, else without (all rows in order when m == n).
void draw_rows(std::size_t n, std::size_t m, bool bootstrap, TreeRng& rng,
               std::vector<std::int32_t>& rows);

Tree build_extra_tree(const TrainingData& data, std::span<const std::int32_t> rows,
                      const GrowParams& params, TreeRng& rng, TreeScratch& scratch);

/// Rows 0..n-1 sorted by each ordered column (ties by row); empty for categorical columns.
std::vector<std::int32_t> presort_column(const Columns& x, std::size_t column);

/// `order[f]` from presort_column for every column.
Tree build_best_tree(const TrainingData& data, const std::vector<std::vector<std::int32_t>>& order,
                     std::span<const std::int32_t> rows, const GrowParams& params, TreeRng& rng,
                     TreeScratch& scratch);

} // namespace hpsearch
