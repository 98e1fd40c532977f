#pragma once
// Forest: random forest ("rf", best splits, bootstrap by default) or extra trees ("et",
// random thresholds, no bootstrap by default) as a Regressor.
//
// Prediction: mean = average of the tree predictions; std = their spread across trees
// (epistemic), plus with leaf_variance the mean within-leaf variance (law of total
// variance).
//
// Columns (FeatureKind): an ordered column splits on a threshold (v <= t goes left); the
// inactive value -1 of a conditional ordered column is simply below every active value, so
// a threshold between them separates inactive from active rows. A categorical column
// (k > 0, bucket centres (i + 0.5) / k) splits one-vs-rest on a category ("x == c" goes
// left): rf picks the best category, et a random one present in the node; the inactive
// value -1 is one more category (k).
//
// Determinism: tree t of the r-th fit/update call is grown from derive_seed(derive_seed(seed,
// r), t), so results are identical for any thread count and for the same call sequence.
// Training runs over trees on a pool of `threads` threads (the caller included), kept
// alive across fits; predict spreads row blocks over the same pool.
#include "hpsearch/surrogate/forest_options.hpp"
#include "hpsearch/surrogate/regressor.hpp"
#include "hpsearch/surrogate/surrogate_options.hpp"
#include "hpsearch/surrogate/thread_pool.hpp"
#include "hpsearch/surrogate/tree.hpp"
#include "hpsearch/surrogate/tree_builder.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace hpsearch {

class Forest final : public Regressor {
public:
  /// `options` from resolve_forest_options (its `extra` picks et or rf).
  Forest(const ForestOptions& options, const std::vector<FeatureKind>& features);

  void fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t seed) override;
  Prediction predict(const Eigen::MatrixXd& x) const override;
  /// Rebuilds ceil(fraction * n_trees) trees on (x, y), the oldest first (round-robin),
  /// and keeps the others. Fits fully when nothing was fitted yet.
  void update(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t seed,
              double fraction) override;
  std::string_view name() const override {
    return surrogate_kinds.name_of(options_.extra ? SurrogateKind::et : SurrogateKind::rf);
  }

  const ForestOptions& options() const { return options_; }
  /// The trees (empty before a fit).
  const std::vector<Tree>& trees() const { return trees_; }

private:
  void check(const Eigen::MatrixXd& x, const Eigen::VectorXd* y) const;
  void build(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t seed,
             const std::vector<std::size_t>& which);

  ForestOptions options_;
  std::vector<int> categories_; ///< per column: 0 ordered, k categorical
  std::vector<Tree> trees_;
  std::uint64_t calls_ = 0; ///< fit/update calls since the last fit (seed stream)
  std::size_t oldest_ = 0;  ///< the tree update() rebuilds first
  std::unique_ptr<ThreadPool> pool_;
  std::vector<TreeScratch> scratch_; ///< one per pool thread
};

} // namespace hpsearch
