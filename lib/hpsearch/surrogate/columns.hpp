#pragma once
// Columns: the view of an encoded matrix that trees read. Ordered columns are used as given;
// a categorical column (FeatureKind::categories = k) is read as its category code: bucket
// centre (i + 0.5) / k -> i, and the inactive value -1 -> k (one extra category).
#include <Eigen/Core>
#include <cstddef>
#include <vector>

namespace hpsearch {

/// Category code of an encoded value of a k-category column: floor(v * k) clamped to
/// [0, k - 1]; any negative value (inactive) -> k.
inline int category_code(double v, int k) {
  if (v < 0.0) return k;
  const int c = static_cast<int>(v * k);
  return c >= k ? k - 1 : c;
}

class Columns {
public:
  /// `x` must outlive the view. `categories[f]` is 0 for an ordered column.
  Columns(const Eigen::MatrixXd& x, const std::vector<int>& categories);

  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return pointers_.size(); }
  const double* operator[](std::size_t f) const { return pointers_[f]; }
  const double* const* data() const { return pointers_.data(); }

private:
  std::size_t rows_;
  Eigen::MatrixXd coded_; ///< categorical columns as codes (empty without any)
  std::vector<const double*> pointers_;
};

} // namespace hpsearch
