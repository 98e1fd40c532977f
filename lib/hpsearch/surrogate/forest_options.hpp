#pragma once
// ForestOptions: SurrogateOptions checked and resolved for one forest kind ("rf" or "et")
// and a number of encoded columns.
#include "hpsearch/surrogate/surrogate_options.hpp"

#include <cstddef>
#include <cstdint>

namespace hpsearch {

struct ForestOptions {
  bool extra = false;           ///< true: extra trees (random thresholds); false: best splits
  int n_trees = 50;             ///< >= 1
  int max_features = 1;         ///< features tried per split, in [1, columns]
  int min_samples_split = 2;    ///< >= 2
  int min_samples_leaf = 1;     ///< >= 1
  bool bootstrap = false;       ///< draw rows with replacement
  std::int64_t max_samples = 0; ///< rows per tree at most (0: all)
  bool leaf_variance = false;   ///< add the mean within-leaf variance to the spread
  int threads = 1;              ///< >= 1
};

/// Throws hpsearch::Error (bad_input) naming the option (search.n_trees, ...) and the value
/// expected when an option is out of range. Forest and GP options alike are checked.
void validate_surrogate_options(const SurrogateOptions& options);

/// Validates, then resolves: bootstrap -1 becomes the kind's default (rf yes, et no) and
/// max_features the count max(1, floor(fraction * columns)).
ForestOptions resolve_forest_options(const SurrogateOptions& options, bool extra,
                                     std::size_t columns);

} // namespace hpsearch
