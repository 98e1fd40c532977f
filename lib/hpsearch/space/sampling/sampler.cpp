#include "hpsearch/space/sampling/sampler.hpp"

#include "hpsearch/core/error.hpp"

#include <sstream>

namespace hpsearch {

UniformSampler::UniformSampler(std::size_t dimension, std::uint64_t seed)
    : dimension_(dimension), rng_(seed) {}

Eigen::VectorXd UniformSampler::next() {
  Eigen::VectorXd x(static_cast<Eigen::Index>(dimension_));
  for (Eigen::Index j = 0; j < x.size(); ++j) x[j] = rng_.uniform();
  return x;
}

std::string UniformSampler::save_state() const {
  return "random " + std::to_string(dimension_) + "\n" + rng_.state();
}

void UniformSampler::restore_state(const std::string& state) {
  std::istringstream in(state);
  std::string tag;
  std::size_t dimension = 0;
  in >> tag >> dimension;
  std::string rng_state;
  std::getline(in >> std::ws, rng_state);
  if (!in || tag != "random" || dimension != dimension_) {
    throw Error::input("random sampler state is corrupt or belongs to another space");
  }
  rng_.set_state(rng_state);
}

const std::vector<std::string_view>& sampler_names() {
  static const std::vector<std::string_view> names = {"random", "lhs", "sobol"};
  return names;
}

std::unique_ptr<Sampler> make_sampler(std::string_view name, std::size_t dimension,
                                      std::size_t batch_size, std::uint64_t seed) {
  if (name == "random") return std::make_unique<UniformSampler>(dimension, seed);
  if (name == "lhs") return std::make_unique<LatinHypercubeSampler>(dimension, batch_size, seed);
  if (name == "sobol") return std::make_unique<SobolSampler>(dimension, seed);
  std::string known;
  for (auto n : sampler_names()) known += (known.empty() ? "" : ", ") + std::string(n);
  throw Error::input("unknown initial design '" + std::string(name) + "' (known: " + known + ")");
}

Config next_config(const SearchSpace& space, Sampler& sampler, std::size_t max_tries) {
  if (sampler.dimension() != space.dimension()) {
    throw Error::internal("sampler '" + std::string(sampler.name()) + "' has dimension " +
                          std::to_string(sampler.dimension()) + ", the space " +
                          std::to_string(space.dimension()));
  }
  const std::size_t tries = std::max<std::size_t>(max_tries, 1);
  for (std::size_t attempt = 0; attempt < tries; ++attempt) {
    Config config = space.decode(sampler.next());
    if (!space.is_forbidden(config)) return config;
  }
  const auto n = std::to_string(tries);
  throw Error::input("the space is (nearly) empty: " + n + " of " + n + " " +
                     std::string(sampler.name()) +
                     " draws were forbidden; check the forbidden clauses");
}

std::vector<Config> sample_configs(const SearchSpace& space, Sampler& sampler, std::size_t n,
                                   std::size_t max_tries) {
  std::vector<Config> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(next_config(space, sampler, max_tries));
  return out;
}

} // namespace hpsearch
