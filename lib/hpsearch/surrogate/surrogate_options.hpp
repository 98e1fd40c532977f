#pragma once
// SurrogateOptions: which regressor models the loss (`search.surrogate`) and its settings,
// as plain values with the defaults a problem file gets. Checked by forest_options.hpp,
// built by surrogate.hpp.
#include "hpsearch/core/registry.hpp"

#include <array>
#include <cstdint>

namespace hpsearch {

enum class SurrogateKind { rf, et, gp };

/// rf (random forest), et (extra trees), gp (Gaussian process, Matérn 5/2, ARD).
inline constexpr Registry surrogate_kinds{"surrogate", std::array{Named{"rf", SurrogateKind::rf},
                                                                  Named{"et", SurrogateKind::et},
                                                                  Named{"gp", SurrogateKind::gp}}};

struct SurrogateOptions {
  int n_trees = 50;          ///< forests: trees in the ensemble
  double max_features = 1.0; ///< forests: fraction of features tried at each split
  int min_samples_split = 2; ///< forests: a node with fewer rows becomes a leaf
  int min_samples_leaf = 1;  ///< forests
  int bootstrap = -1;        ///< forests: 1 yes, 0 no, -1 the kind's default (rf yes, et no)
  /// forests: rows each tree sees at most (0: all) — bounds the cost of a fit.
  std::int64_t max_samples = 2000;
  bool leaf_variance = false; ///< forests: add the within-leaf variance to the across-tree one
  int threads = 1;            ///< threads used by fit (run.manager_threads)

  bool operator==(const SurrogateOptions&) const = default;
};

} // namespace hpsearch
