#include "hpsearch/surrogate/columns.hpp"

#include <algorithm>

namespace hpsearch {

Columns::Columns(const Eigen::MatrixXd& x, const std::vector<int>& categories)
    : rows_(static_cast<std::size_t>(x.rows())) {
  const auto n = x.rows();
  const auto coded = std::count_if(categories.begin(), categories.end(), [](int k) { return k; });
  coded_.resize(n, coded);
  Eigen::Index next = 0;
  pointers_.reserve(categories.size());
  for (std::size_t f = 0; f < categories.size(); ++f) {
    const auto col = static_cast<Eigen::Index>(f);
    if (categories[f] == 0) {
      pointers_.push_back(x.data() + col * n);
      continue;
    }
    for (Eigen::Index r = 0; r < n; ++r) coded_(r, next) = category_code(x(r, col), categories[f]);
    pointers_.push_back(coded_.data() + next * n);
    ++next;
  }
}

} // namespace hpsearch
