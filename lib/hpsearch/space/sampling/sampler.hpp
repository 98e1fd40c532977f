#pragma once
// Samplers: sequences of points in [0, 1)^d, decoded into configurations by
// SearchSpace::decode(). Deterministic per seed; their state can be saved and restored so
// a resumed search continues the same sequence.
//
//   random  UniformSampler         independent uniform points
//   lhs     LatinHypercubeSampler  batches of n points; in each batch every coordinate has
//                                  exactly one point in each of the n strata [i/n, (i+1)/n)
//   sobol   SobolSampler           Boost.Random's Sobol sequence with a seeded random shift
//                                  (Cranley-Patterson rotation, mod 1)
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/space/sampling/sampler_options.hpp"
#include "hpsearch/space/search_space.hpp"

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

class Sampler {
public:
  virtual ~Sampler() = default;
  Sampler() = default;
  Sampler(const Sampler&) = delete;
  Sampler& operator=(const Sampler&) = delete;

  /// The next point, of size dimension(), each coordinate in [0, 1).
  virtual Eigen::VectorXd next() = 0;
  virtual std::size_t dimension() const = 0;
  /// "random", "lhs", "sobol".
  virtual std::string_view name() const = 0;
  /// The complete state as text, and back; restore_state() throws hpsearch::Error on text
  /// it cannot parse or that belongs to another dimension.
  virtual std::string save_state() const = 0;
  virtual void restore_state(const std::string& state) = 0;
};

class UniformSampler final : public Sampler {
public:
  UniformSampler(std::size_t dimension, std::uint64_t seed);
  Eigen::VectorXd next() override;
  std::size_t dimension() const override { return dimension_; }
  std::string_view name() const override { return sampler_kinds.name_of(SamplerKind::random); }
  std::string save_state() const override;
  void restore_state(const std::string& state) override;

private:
  std::size_t dimension_;
  Rng rng_;
};

class LatinHypercubeSampler final : public Sampler {
public:
  /// Throws hpsearch::Error when batch_size == 0.
  LatinHypercubeSampler(std::size_t dimension, std::size_t batch_size, std::uint64_t seed);
  Eigen::VectorXd next() override;
  std::size_t dimension() const override { return dimension_; }
  std::string_view name() const override { return sampler_kinds.name_of(SamplerKind::lhs); }
  std::string save_state() const override;
  void restore_state(const std::string& state) override;

private:
  void new_batch();

  std::size_t dimension_;
  std::size_t batch_size_;
  Rng rng_;
  std::string batch_rng_state_; // rng_ before the current batch was drawn
  Eigen::MatrixXd batch_;       // batch_size x dimension
  std::size_t position_;        // next row of batch_
};

class SobolSampler final : public Sampler {
public:
  /// Throws hpsearch::Error when dimension is 0 or above max_dimension().
  SobolSampler(std::size_t dimension, std::uint64_t seed);
  ~SobolSampler() override;
  Eigen::VectorXd next() override;
  std::size_t dimension() const override { return dimension_; }
  std::string_view name() const override { return sampler_kinds.name_of(SamplerKind::sobol); }
  std::string save_state() const override;
  void restore_state(const std::string& state) override;

  /// The largest dimension Boost.Random's Sobol tables support.
  static std::size_t max_dimension();

private:
  struct Engine; // boost::random::sobol, kept out of this header
  std::size_t dimension_;
  std::unique_ptr<Engine> engine_;
  Eigen::VectorXd shift_;
  std::uint64_t drawn_ = 0;
};

/// The sampler of `kind` (sampler_kinds); `batch_size` is the LHS batch (ignored by the
/// others).
std::unique_ptr<Sampler> make_sampler(SamplerKind kind, std::size_t dimension,
                                      std::size_t batch_size, std::uint64_t seed);
/// The same by name; throws hpsearch::Error listing the known names when `name` is unknown.
std::unique_ptr<Sampler> make_sampler(std::string_view name, std::size_t dimension,
                                      std::size_t batch_size, std::uint64_t seed);

/// The next configuration decoded from `sampler`, skipping forbidden ones; after
/// `max_tries` forbidden points throws hpsearch::Error "the space is (nearly) empty: ...".
Config next_config(const SearchSpace& space, Sampler& sampler,
                   std::size_t max_tries = SearchSpace::kDefaultMaxTries);
/// `n` configurations, each as next_config().
std::vector<Config> sample_configs(const SearchSpace& space, Sampler& sampler, std::size_t n,
                                   std::size_t max_tries = SearchSpace::kDefaultMaxTries);

} // namespace hpsearch
