#include "hpsearch/report/html/forest_analysis.hpp"

#include "hpsearch/core/rng.hpp"
#include "hpsearch/surrogate/forest.hpp"
#include "hpsearch/surrogate/forest_options.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hpsearch::report::html {

namespace {

constexpr std::size_t kMaxTrain = 2000;
constexpr std::size_t kMaxHeldOut = 500;
constexpr std::size_t kMaxDependenceRows = 200;
constexpr int kGrid = 24;
constexpr int kShuffles = 3;

std::vector<const Evaluation*> usable_rows(const CheckpointContents& c) {
  std::vector<const Evaluation*> ok;
  double top = 0.0;
  for (const Evaluation& ev : c.evaluations) {
    if (ev.status != Status::ok || !std::isfinite(ev.objective)) continue;
    ok.push_back(&ev);
    top = std::max(top, ev.fidelity);
  }
  std::vector<const Evaluation*> at_top;
  for (const Evaluation* ev : ok) {
    if (ev->fidelity == top) at_top.push_back(ev);
  }
  return at_top.size() >= kMinRows ? at_top : ok;
}

/// Every `stride`-th index of [0, n), at most `limit` of them.
std::vector<std::size_t> strided(std::size_t n, std::size_t limit) {
  std::vector<std::size_t> out;
  const std::size_t stride =
      std::max<std::size_t>(1, (n + limit - 1) / std::max<std::size_t>(limit, 1));
  for (std::size_t i = 0; i < n && out.size() < limit; i += stride) out.push_back(i);
  return out;
}

double mse(const Eigen::VectorXd& prediction, const Eigen::VectorXd& y) {
  return (prediction - y).squaredNorm() / static_cast<double>(std::max<Eigen::Index>(1, y.size()));
}

std::vector<double> grid_of(const Parameter& p) {
  std::vector<double> grid;
  const std::size_t k = p.cardinality();
  const bool named = p.kind == ParamKind::categorical || p.kind == ParamKind::ordinal;
  const std::size_t n = named && k > 0 ? k : static_cast<std::size_t>(kGrid);
  for (std::size_t i = 0; i < n; ++i) {
    grid.push_back((static_cast<double>(i) + 0.5) / static_cast<double>(n));
  }
  return grid;
}

} // namespace

ForestAnalysis analyse_with_forest(const CheckpointContents& contents, const SearchSpace& space,
                                   std::uint64_t seed) {
  ForestAnalysis out;
  for (const Parameter& p : space.parameters()) out.effects.push_back({p.name, 0.0, {}});
  const std::vector<const Evaluation*> rows = usable_rows(contents);
  const auto d = static_cast<Eigen::Index>(space.size());
  std::vector<Eigen::VectorXd> encoded;
  std::vector<double> objective;
  for (const Evaluation* ev : rows) {
    try {
      encoded.push_back(space.encode(ev->config, Encoding::index));
      objective.push_back(ev->objective);
    } catch (const std::exception&) {
      // A row the stored space cannot encode (never expected): left out of the model.
    }
  }
  out.rows = encoded.size();
  if (encoded.size() < kMinRows || d == 0) {
    out.unavailable = "needs at least " + std::to_string(kMinRows) +
                      " successful evaluations and one parameter (has " +
                      std::to_string(encoded.size()) + ")";
    return out;
  }
  std::vector<std::size_t> train_index, held_index;
  for (std::size_t i = 0; i < encoded.size(); ++i)
    (i % 4 == 3 ? held_index : train_index).push_back(i);
  auto matrix = [&](const std::vector<std::size_t>& index, std::size_t limit, Eigen::MatrixXd& x,
                    Eigen::VectorXd& y) {
    const std::vector<std::size_t> pick = strided(index.size(), limit);
    x.resize(static_cast<Eigen::Index>(pick.size()), d);
    y.resize(static_cast<Eigen::Index>(pick.size()));
    for (std::size_t r = 0; r < pick.size(); ++r) {
      x.row(static_cast<Eigen::Index>(r)) = encoded[index[pick[r]]].transpose();
      y(static_cast<Eigen::Index>(r)) = objective[index[pick[r]]];
    }
  };
  Eigen::MatrixXd x_train, x_held;
  Eigen::VectorXd y_train, y_held;
  matrix(train_index, kMaxTrain, x_train, y_train);
  matrix(held_index, kMaxHeldOut, x_held, y_held);

  std::vector<FeatureKind> features;
  for (const Parameter& p : space.parameters()) {
    const int k = p.kind == ParamKind::categorical ? static_cast<int>(p.choices.size()) : 0;
    features.push_back({k, p.active_if.has_value()});
  }
  SurrogateOptions options;
  options.n_trees = 50;
  options.min_samples_leaf = 2;
  options.max_samples = 0;
  Forest forest(resolve_forest_options(options, true, static_cast<std::size_t>(d)), features);
  forest.fit(x_train, y_train, derive_seed(seed, 1));

  const double base = mse(forest.predict(x_held).mean, y_held);
  Rng rng(derive_seed(seed, 2));
  double total = 0.0;
  for (Eigen::Index j = 0; j < d; ++j) {
    double increase = 0.0;
    for (int s = 0; s < kShuffles; ++s) {
      Eigen::MatrixXd shuffled = x_held;
      std::vector<Eigen::Index> order(static_cast<std::size_t>(x_held.rows()));
      std::iota(order.begin(), order.end(), Eigen::Index{0});
      std::shuffle(order.begin(), order.end(), rng.engine());
      for (Eigen::Index r = 0; r < x_held.rows(); ++r)
        shuffled(r, j) = x_held(order[static_cast<std::size_t>(r)], j);
      increase += mse(forest.predict(shuffled).mean, y_held) - base;
    }
    out.effects[static_cast<std::size_t>(j)].importance = std::max(0.0, increase / kShuffles);
    total += out.effects[static_cast<std::size_t>(j)].importance;
  }
  for (auto& e : out.effects) e.importance = total > 0.0 ? e.importance / total : 0.0;

  Eigen::MatrixXd x_all(static_cast<Eigen::Index>(encoded.size()), d);
  for (std::size_t r = 0; r < encoded.size(); ++r)
    x_all.row(static_cast<Eigen::Index>(r)) = encoded[r].transpose();
  const std::vector<std::size_t> sample = strided(encoded.size(), kMaxDependenceRows);
  Eigen::MatrixXd base_rows(static_cast<Eigen::Index>(sample.size()), d);
  for (std::size_t r = 0; r < sample.size(); ++r)
    base_rows.row(static_cast<Eigen::Index>(r)) = x_all.row(static_cast<Eigen::Index>(sample[r]));
  for (Eigen::Index j = 0; j < d; ++j) {
    const Parameter& p = space.parameters()[static_cast<std::size_t>(j)];
    if (p.kind == ParamKind::constant) continue;
    for (double u : grid_of(p)) {
      Eigen::MatrixXd probe = base_rows;
      probe.col(j).setConstant(u);
      out.effects[static_cast<std::size_t>(j)].partial.push_back(
          {u, forest.predict(probe).mean.mean()});
    }
  }
  out.method = "permutation importance of an extra-trees forest (hpsearch's surrogate: 50 trees, "
               "min_samples_leaf 2) fitted on " +
               std::to_string(x_train.rows()) +
               " successful evaluations: the increase of the squared error on " +
               std::to_string(x_held.rows()) +
               " held-out evaluations (every 4th) when the parameter's column is shuffled, as a "
               "share of the total; partial dependence: the forest's mean prediction with the "
               "parameter set to each value";
  return out;
}

} // namespace hpsearch::report::html
