#include "hpsearch/search/ambs/candidates.hpp"

#include <algorithm>
#include <random>

namespace hpsearch {

void add_random_candidates(const SearchSpace& space, Rng& rng, std::size_t n,
                           std::vector<Candidate>& out) {
  for (std::size_t i = 0; i < n; ++i) {
    Config config = space.sample(rng);
    Eigen::VectorXd index = space.encode(config, Encoding::index);
    out.push_back({std::move(config), std::move(index)});
  }
}

void add_neighbour_candidates(const SearchSpace& space, const Eigen::VectorXd& parent, Rng& rng,
                              std::size_t n, std::vector<Candidate>& out, double step) {
  const auto& params = space.parameters();
  const auto d = static_cast<std::int64_t>(params.size());
  if (d == 0) return;
  std::normal_distribution<double> move(0.0, step);
  for (std::size_t i = 0; i < n; ++i) {
    Eigen::VectorXd point = parent;
    for (Eigen::Index j = 0; j < point.size(); ++j) {
      if (point[j] < 0.0) point[j] = rng.uniform();
    }
    const int changes = rng.uniform() < 0.5 ? 1 : 2;
    for (int c = 0; c < changes; ++c) {
      const auto j = rng.integer(0, d - 1);
      const Parameter& p = params[static_cast<std::size_t>(j)];
      if (p.kind == ParamKind::categorical && p.choices.size() > 1) {
        const auto k = static_cast<std::int64_t>(p.choices.size());
        const auto current = std::clamp<std::int64_t>(
            static_cast<std::int64_t>(point[j] * static_cast<double>(k)), 0, k - 1);
        auto other = rng.integer(0, k - 2);
        if (other >= current) ++other;
        point[j] = (static_cast<double>(other) + 0.5) / static_cast<double>(k);
      } else {
        point[j] = std::clamp(point[j] + move(rng.engine()), 0.0, 1.0);
      }
    }
    Config config = space.decode_encoded(point, Encoding::index);
    if (space.is_forbidden(config)) continue;
    Eigen::VectorXd index = space.encode(config, Encoding::index);
    out.push_back({std::move(config), std::move(index)});
  }
}

Eigen::MatrixXd model_rows(const SearchSpace& space, const std::vector<Candidate>& candidates,
                           Encoding encoding) {
  const auto width = static_cast<Eigen::Index>(space.encoded_dimension(encoding));
  Eigen::MatrixXd x(static_cast<Eigen::Index>(candidates.size()), width);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const auto r = static_cast<Eigen::Index>(i);
    if (encoding == Encoding::index) {
      x.row(r) = candidates[i].index.transpose();
    } else {
      x.row(r) = space.encode(candidates[i].config, encoding).transpose();
    }
  }
  return x;
}

} // namespace hpsearch
