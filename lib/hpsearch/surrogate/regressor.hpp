#pragma once
// Regressor: a surrogate model with uncertainty. Fitted on encoded points (one row per
// observation, columns as SearchSpace::encode produces them), it predicts a mean and a
// standard deviation for new points. AMBS (search/) scores candidates with it.
//
// Column kinds come from the search space's encoding (see FeatureKind): a tree model may
// split categorical columns natively and tell inactive conditional parameters (-1) apart.
#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

/// What one encoded column holds.
struct FeatureKind {
  /// 0 for an ordered column (real, integer, ordinal: values in [0, 1]); k > 0 for a
  /// categorical column with k choices, encoded as bucket centres (i + 0.5) / k.
  int categories = 0;
  /// True when the column may hold -1, the code for "parameter inactive".
  bool conditional = false;
};

struct Prediction {
  Eigen::VectorXd mean; ///< one entry per predicted row
  Eigen::VectorXd std;  ///< >= 0
};

class Regressor {
public:
  virtual ~Regressor() = default;
  Regressor() = default;
  Regressor(const Regressor&) = delete;
  Regressor& operator=(const Regressor&) = delete;

  /// Fits on `x` (n rows, one column per feature) and `y` (n values). Deterministic for a
  /// given seed. Throws hpsearch::Error (internal) on mismatched shapes; n == 0 is allowed
  /// and leaves an unfitted model.
  virtual void fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t seed) = 0;
  /// Mean and standard deviation at each row of `x`. Before any fit: mean 0, std 1.
  virtual Prediction predict(const Eigen::MatrixXd& x) const = 0;
  /// A cheaper refit after a few new rows were appended to what the last fit saw: models
  /// that can (forests) rebuild only `fraction` in (0, 1] of themselves, oldest part first;
  /// the default refits fully.
  virtual void update(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t seed,
                      double /*fraction*/) {
    fit(x, y, seed);
  }
  virtual std::string_view name() const = 0;
};

} // namespace hpsearch
