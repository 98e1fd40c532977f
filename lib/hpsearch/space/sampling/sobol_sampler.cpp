#include "hpsearch/core/error.hpp"
#include "hpsearch/space/sampling/sampler.hpp"

#include <boost/random/sobol.hpp>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

namespace hpsearch {

struct SobolSampler::Engine {
  explicit Engine(std::size_t dimension) : sequence(dimension) {}
  boost::random::sobol sequence;
};

std::size_t SobolSampler::max_dimension() {
  return boost::random::default_sobol_table::max_dimension;
}

SobolSampler::SobolSampler(std::size_t dimension, std::uint64_t seed)
    : dimension_(dimension), shift_(static_cast<Eigen::Index>(dimension)) {
  if (dimension_ > max_dimension()) {
    throw Error::input("Sobol sampler: the space has " + std::to_string(dimension_) +
                       " parameters, but Boost.Random's Sobol sequence supports at most " +
                       std::to_string(max_dimension()) + "; use initial_design: lhs or random");
  }
  if (dimension_ > 0) engine_ = std::make_unique<Engine>(dimension_);
  Rng rng(seed);
  for (Eigen::Index j = 0; j < shift_.size(); ++j) shift_[j] = rng.uniform();
}

SobolSampler::~SobolSampler() = default;

Eigen::VectorXd SobolSampler::next() {
  Eigen::VectorXd x(static_cast<Eigen::Index>(dimension_));
  const double below_one = std::nextafter(1.0, 0.0);
  for (Eigen::Index j = 0; j < x.size(); ++j) {
    // 64-bit integer -> [0, 1], then the random shift modulo 1 (Cranley-Patterson).
    double u = std::ldexp(static_cast<double>(engine_->sequence()), -64) + shift_[j];
    if (u >= 1.0) u -= 1.0;
    x[j] = std::min(u, below_one);
  }
  ++drawn_;
  return x;
}

std::string SobolSampler::save_state() const {
  std::ostringstream out;
  out << std::setprecision(std::numeric_limits<double>::max_digits10) << "sobol " << dimension_
      << ' ' << drawn_;
  for (Eigen::Index j = 0; j < shift_.size(); ++j) out << ' ' << shift_[j];
  return out.str();
}

void SobolSampler::restore_state(const std::string& state) {
  std::istringstream in(state);
  std::string tag;
  std::size_t dimension = 0;
  std::uint64_t drawn = 0;
  in >> tag >> dimension >> drawn;
  Eigen::VectorXd shift(static_cast<Eigen::Index>(dimension_));
  for (Eigen::Index j = 0; j < shift.size(); ++j) in >> shift[j];
  if (!in || tag != "sobol" || dimension != dimension_ || !(in >> std::ws).eof() ||
      (shift.size() > 0 && (shift.minCoeff() < 0.0 || shift.maxCoeff() >= 1.0))) {
    throw Error::input("Sobol sampler state is corrupt or belongs to another space");
  }
  shift_ = shift;
  drawn_ = drawn;
  if (engine_) {
    engine_->sequence.seed();
    engine_->sequence.discard(drawn_ * dimension_);
  }
}

} // namespace hpsearch
