#pragma once
// Rng: the one random engine type; always seeded explicitly, state serialisable so a
// resumed search continues the same stream.
#include <cstdint>
#include <random>
#include <string>

namespace hpsearch {

class Rng {
public:
  using Engine = std::mt19937_64;
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  double uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(engine_); }
  double uniform(double low, double high) {
    return std::uniform_real_distribution<double>(low, high)(engine_);
  }
  /// Uniform integer in [low, high], both included.
  std::int64_t integer(std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(engine_);
  }
  std::uint64_t next() { return engine_(); }
  Engine& engine() { return engine_; }

  /// The engine's full state as text, and back.
  std::string state() const;
  void set_state(const std::string& state);

private:
  Engine engine_;
};

/// A seed for stream `stream` derived from `seed` (splitmix64), e.g. one per job.
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream);

} // namespace hpsearch
