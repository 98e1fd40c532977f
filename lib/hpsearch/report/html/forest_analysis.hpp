#pragma once
// What the search's own surrogate says about the parameters: permutation importance and
// one-dimensional partial dependence from an extra-trees forest (surrogate/forest.hpp, the
// model AMBS uses by default) fitted on the successful evaluations.
//
// Rows: the successful evaluations (finite objective); in a multi-fidelity search those at
// the highest fidelity when at least kMinRows of them exist, else all. Columns: the space's
// index encoding (unit cube, -1 when inactive). Every 4th row (at most 500) is held out;
// the forest (50 trees, all features tried at each split, min_samples_leaf 2) is fitted on
// the others (at most 2000, evenly strided). Importance of a parameter: the mean increase
// of the held-out squared error when its column is shuffled (3 shuffles, seeded), clipped
// at 0, as a share of the sum over parameters. Partial dependence of a parameter: the
// forest's mean prediction over (at most 200) rows with its column set to each of 24 grid
// values (each choice for categorical and ordinal parameters).
#include "hpsearch/report/html/svg_plot.hpp"
#include "hpsearch/space/search_space.hpp"
#include "hpsearch/store/reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hpsearch::report::html {

struct ParameterEffect {
  std::string name;
  double importance = 0.0;    ///< share in [0, 1]; the shares sum to 1 (or all are 0)
  std::vector<Point> partial; ///< (unit-cube coordinate, mean prediction)
};

struct ForestAnalysis {
  std::string unavailable;              ///< non-empty: why there is no analysis (too few rows, ...)
  std::string method;                   ///< how it was computed, for the page
  std::size_t rows = 0;                 ///< successful evaluations used
  std::vector<ParameterEffect> effects; ///< in the space's order
};

inline constexpr std::size_t kMinRows = 12;

ForestAnalysis analyse_with_forest(const CheckpointContents& contents, const SearchSpace& space,
                                   std::uint64_t seed);

} // namespace hpsearch::report::html
