#include "hpsearch/surrogate/forest.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/surrogate/columns.hpp"
#include "hpsearch/surrogate/tree_builder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace hpsearch {

namespace {

constexpr std::size_t kBlock = 256; // rows per predict task

[[noreturn]] void internal(const std::string& what) {
  throw Error::internal("surrogate: " + what);
}

} // namespace

Forest::Forest(const ForestOptions& options, const std::vector<FeatureKind>& features)
    : options_(options), pool_(std::make_unique<ThreadPool>(options.threads)),
      scratch_(static_cast<std::size_t>(options.threads)) {
  categories_.reserve(features.size());
  for (const auto& f : features) categories_.push_back(std::max(0, f.categories));
}

void Forest::check(const Eigen::MatrixXd& x, const Eigen::VectorXd* y) const {
  if (static_cast<std::size_t>(x.cols()) != categories_.size())
    internal("expected " + std::to_string(categories_.size()) + " columns, got " +
             std::to_string(x.cols()));
  if (y == nullptr) return;
  if (y->size() != x.rows())
    internal(std::to_string(x.rows()) + " rows but " + std::to_string(y->size()) + " targets");
  if (x.rows() > std::numeric_limits<std::int32_t>::max() / 2) internal("too many rows");
  if (!x.allFinite() || !y->allFinite()) internal("non-finite training data");
}

void Forest::fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t seed) {
  check(x, &y);
  trees_.clear();
  calls_ = 0;
  oldest_ = 0;
  if (x.rows() == 0) return;
  trees_.resize(static_cast<std::size_t>(options_.n_trees));
  std::vector<std::size_t> all(trees_.size());
  std::iota(all.begin(), all.end(), 0);
  build(x, y, seed, all);
}

void Forest::update(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t seed,
                    double fraction) {
  if (!(fraction > 0.0 && fraction <= 1.0))
    internal("update fraction must be in (0, 1], got " + std::to_string(fraction));
  if (trees_.empty() || x.rows() == 0) return fit(x, y, seed);
  check(x, &y);
  const std::size_t total = trees_.size();
  const auto wanted = static_cast<std::size_t>(std::ceil(fraction * total - 1e-9));
  std::vector<std::size_t> which(std::clamp<std::size_t>(wanted, 1, total));
  for (std::size_t j = 0; j < which.size(); ++j) which[j] = (oldest_ + j) % total;
  build(x, y, seed, which);
  oldest_ = (oldest_ + which.size()) % total;
}

void Forest::build(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t seed,
                   const std::vector<std::size_t>& which) {
  const auto n = static_cast<std::size_t>(x.rows());
  const Columns columns(x, categories_);
  const double offset = y.mean();
  std::vector<double> centred(n);
  for (std::size_t i = 0; i < n; ++i) centred[i] = y[static_cast<Eigen::Index>(i)] - offset;
  const TrainingData data{columns, centred, offset, categories_};

  std::vector<std::vector<std::int32_t>> order(categories_.size());
  if (!options_.extra)
    pool_->run(order.size(), [&](std::size_t f, std::size_t) {
      if (categories_[f] == 0) order[f] = presort_column(columns, f);
    });

  const std::size_t m =
      options_.max_samples > 0 ? std::min(n, static_cast<std::size_t>(options_.max_samples)) : n;
  const GrowParams params{options_.max_features, options_.min_samples_split,
                          options_.min_samples_leaf};
  const std::uint64_t stream = derive_seed(seed, calls_);
  pool_->run(which.size(), [&](std::size_t j, std::size_t thread) {
    const std::size_t t = which[j];
    TreeRng rng(derive_seed(stream, t));
    TreeScratch& scratch = scratch_[thread];
    draw_rows(n, m, options_.bootstrap, rng, scratch.rows);
    trees_[t] = options_.extra ? build_extra_tree(data, scratch.rows, params, rng, scratch)
                               : build_best_tree(data, order, scratch.rows, params, rng, scratch);
  });
  ++calls_;
}

Prediction Forest::predict(const Eigen::MatrixXd& x) const {
  const auto n = x.rows();
  Prediction out{Eigen::VectorXd::Zero(n), Eigen::VectorXd::Ones(n)};
  if (trees_.empty() || n == 0) return out;
  check(x, nullptr);
  const Columns columns(x, categories_);
  const std::size_t width = categories_.size();
  const auto total = static_cast<double>(trees_.size());
  const auto rows = static_cast<std::size_t>(n);
  pool_->run((rows + kBlock - 1) / kBlock, [&](std::size_t block, std::size_t) {
    const std::size_t begin = block * kBlock;
    const std::size_t count = std::min(kBlock, rows - begin);
    std::vector<double> values(count * width); // the block's rows, row-major
    for (std::size_t f = 0; f < width; ++f)
      for (std::size_t i = 0; i < count; ++i) values[i * width + f] = columns[f][begin + i];
    std::array<std::int32_t, kBlock> leaves{};
    std::array<double, kBlock> shift{}, sum{}, sumsq{}, within{};
    // Sums of (tree prediction - first tree's prediction): no cancellation in the spread.
    for (std::size_t t = 0; t < trees_.size(); ++t) {
      const Tree& tree = trees_[t];
      tree.leaves(values.data(), width, count, leaves.data());
      if (t == 0)
        for (std::size_t i = 0; i < count; ++i) shift[i] = tree.mean(leaves[i]);
      for (std::size_t i = 0; i < count; ++i) {
        const double d = tree.mean(leaves[i]) - shift[i];
        sum[i] += d;
        sumsq[i] += d * d;
      }
      if (options_.leaf_variance)
        for (std::size_t i = 0; i < count; ++i) within[i] += tree.variance(leaves[i]);
    }
    for (std::size_t i = 0; i < count; ++i) {
      const double mean = sum[i] / total;
      double variance = std::max(0.0, sumsq[i] / total - mean * mean);
      if (options_.leaf_variance) variance += within[i] / total;
      const auto row = static_cast<Eigen::Index>(begin + i);
      out.mean[row] = shift[i] + mean;
      out.std[row] = std::sqrt(variance);
    }
  });
  return out;
}

} // namespace hpsearch
