#pragma once
// A synthetic four-class table for the trainer tests: gaussian blobs, separable, with a
// constant offset the trainer's standardisation removes.
#include "hpsearch/train/split.hpp"

#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>

namespace hpsearch::test {

inline train::Split blobs(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> noise(0.0f, 0.3f);
  train::Dataset all;
  all.sample_shape = {3};
  all.classes = 4;
  for (std::size_t i = 0; i < n; ++i) {
    const auto label = static_cast<std::int64_t>(i % 4);
    all.labels.push_back(label);
    all.features.push_back(static_cast<float>(label % 2) * 4.0f + noise(rng));
    all.features.push_back(static_cast<float>(label / 2) * 4.0f + noise(rng));
    all.features.push_back(100.0f + noise(rng)); // an offset the standardisation removes
  }
  return train::split_dataset(std::move(all), 0.25, 1, 0);
}

} // namespace hpsearch::test
