#include "hpsearch/surrogate/tree_builder.hpp"

#include <algorithm>
#include <numeric>

namespace hpsearch {

void draw_rows(std::size_t n, std::size_t m, bool bootstrap, TreeRng& rng,
               std::vector<std::int32_t>& rows) {
  if (bootstrap) {
    rows.resize(m);
    for (auto& row : rows) row = static_cast<std::int32_t>(rng.below(n));
    return;
  }
  rows.resize(n);
  std::iota(rows.begin(), rows.end(), 0);
  if (m >= n) return;
  for (std::size_t i = 0; i < m; ++i) std::swap(rows[i], rows[i + rng.below(n - i)]);
  rows.resize(m);
  std::sort(rows.begin(), rows.end()); // memory order: cheaper gathers
}

std::vector<std::int32_t> presort_column(const Columns& x, std::size_t column) {
  std::vector<std::int32_t> order(x.rows());
  std::iota(order.begin(), order.end(), 0);
  const double* v = x[column];
  std::sort(order.begin(), order.end(),
            [v](std::int32_t a, std::int32_t b) { return v[a] < v[b] || (v[a] == v[b] && a < b); });
  return order;
}

} // namespace hpsearch
