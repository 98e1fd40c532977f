#pragma once
// TpeSpace: a search space in TPE's internal coordinates (parzen_estimator.hpp), one per
// parameter that can vary:
//   real         its value, or its log for a log-scaled one; support [low, high]
//   int          its value on a discrete axis, support [low - 0.5, high + 0.5]; a log-scaled
//                one is continuous in log space on [log(low - 0.5), log(high + 0.5)] and
//                rounded back (Optuna's rule for both)
//   ordinal      its rank on a discrete axis, support [-0.5, k - 0.5]
//   categorical  its choice index
// Constants (and a parameter with a single value) are left out. An inactive parameter is
// NaN.
#include "hpsearch/core/config.hpp"
#include "hpsearch/search/tpe/parzen_estimator.hpp"
#include "hpsearch/space/search_space.hpp"

#include <Eigen/Core>
#include <cstddef>
#include <vector>

namespace hpsearch {

class TpeSpace {
public:
  explicit TpeSpace(const SearchSpace& space);

  const std::vector<TpeDimension>& dimensions() const { return dimensions_; }
  /// `config`'s coordinates (NaN where a parameter is absent).
  Eigen::VectorXd to_internal(const Config& config) const;
  /// The configuration a point of the box decodes to: values rounded to their kind, the
  /// parameters whose conditions do not hold left out (their coordinates ignored).
  Config to_config(const Eigen::VectorXd& x) const;
  /// `x` with the coordinates of the parameters inactive in `config` set to NaN.
  Eigen::VectorXd masked(const Eigen::VectorXd& x, const Config& config) const;

private:
  /// The value of parameter `p` at internal coordinate v.
  Value value_at(const Parameter& p, double v) const;

  const SearchSpace* space_;
  std::vector<TpeDimension> dimensions_;
  std::vector<int> parameter_of_; ///< dimension -> parameter position
  std::vector<int> dimension_of_; ///< parameter position -> dimension, or -1
};

} // namespace hpsearch
