#include "hpsearch/runtime/replay_sampler.hpp"

namespace hpsearch {

std::optional<Config> ReplaySampler::ask() {
  std::optional<Config> proposal = strategy_.ask();
  if (!recorded_) return proposal;
  std::optional<Config> recorded = std::move(recorded_);
  recorded_.reset();
  return recorded;
}

} // namespace hpsearch
