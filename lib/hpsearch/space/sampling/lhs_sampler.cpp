#include "hpsearch/core/error.hpp"
#include "hpsearch/space/sampling/sampler.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace hpsearch {

LatinHypercubeSampler::LatinHypercubeSampler(std::size_t dimension, std::size_t batch_size,
                                             std::uint64_t seed)
    : dimension_(dimension), batch_size_(batch_size), rng_(seed), position_(0) {
  if (batch_size_ == 0)
    throw Error::input("Latin hypercube sampler: the batch size must be at least 1");
  new_batch();
}

void LatinHypercubeSampler::new_batch() {
  batch_rng_state_ = rng_.state();
  const auto n = static_cast<Eigen::Index>(batch_size_);
  batch_.resize(n, static_cast<Eigen::Index>(dimension_));
  std::vector<std::int64_t> strata(batch_size_);
  const double below_one = std::nextafter(1.0, 0.0);
  for (Eigen::Index j = 0; j < batch_.cols(); ++j) {
    std::iota(strata.begin(), strata.end(), 0);
    // Fisher-Yates with the project's Rng, so the permutation depends on the seed only.
    for (std::size_t i = batch_size_; i-- > 1;) {
      std::swap(strata[i],
                strata[static_cast<std::size_t>(rng_.integer(0, static_cast<std::int64_t>(i)))]);
    }
    for (Eigen::Index i = 0; i < n; ++i) {
      const double x = (static_cast<double>(strata[static_cast<std::size_t>(i)]) + rng_.uniform()) /
                       static_cast<double>(n);
      batch_(i, j) = std::min(x, below_one);
    }
  }
  position_ = 0;
}

Eigen::VectorXd LatinHypercubeSampler::next() {
  if (position_ == batch_size_) new_batch();
  return batch_.row(static_cast<Eigen::Index>(position_++)).transpose();
}

std::string LatinHypercubeSampler::save_state() const {
  return "lhs " + std::to_string(dimension_) + " " + std::to_string(batch_size_) + " " +
         std::to_string(position_) + "\n" + batch_rng_state_;
}

void LatinHypercubeSampler::restore_state(const std::string& state) {
  std::istringstream in(state);
  std::string tag;
  std::size_t dimension = 0;
  std::size_t batch_size = 0;
  std::size_t position = 0;
  in >> tag >> dimension >> batch_size >> position;
  std::string rng_state;
  std::getline(in >> std::ws, rng_state);
  if (!in || tag != "lhs" || dimension != dimension_ || batch_size == 0 || position > batch_size) {
    throw Error::input("Latin hypercube sampler state is corrupt or belongs to another space");
  }
  batch_size_ = batch_size;
  rng_.set_state(rng_state);
  new_batch();
  position_ = position;
}

} // namespace hpsearch
