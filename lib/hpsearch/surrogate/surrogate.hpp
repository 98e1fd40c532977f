#pragma once
// make_regressor: the surrogate a problem's `search.surrogate` names, with its options.
#include "hpsearch/surrogate/regressor.hpp"

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace hpsearch {

struct SurrogateOptions {
  int n_trees = 50;             ///< forests: trees in the ensemble
  double max_features = 1.0;    ///< forests: fraction of features tried at each split
  int min_samples_split = 2;    ///< forests: a node with fewer rows becomes a leaf
  int min_samples_leaf = 1;     ///< forests
  int bootstrap = -1;           ///< forests: 1 yes, 0 no, -1 the kind's default (rf yes, et no)
  std::int64_t max_samples = 0; ///< forests: rows each tree sees at most (0: all) — bounds cost
  bool leaf_variance = false;   ///< forests: add the within-leaf variance to the across-tree one
  int threads = 1;              ///< threads used by fit (run.manager_threads)
};

/// "rf" (random forest), "et" (extra trees) or "gp" (Gaussian process, Matérn 5/2, ARD).
/// `features` describes the encoded columns. Throws hpsearch::Error (bad_input) naming the
/// known surrogates when `name` is unknown, or on invalid options.
std::unique_ptr<Regressor> make_regressor(std::string_view name, const SurrogateOptions& options,
                                          std::vector<FeatureKind> features);
/// Names make_regressor() accepts.
const std::vector<std::string_view>& surrogate_names();

} // namespace hpsearch
