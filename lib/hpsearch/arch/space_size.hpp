#pragma once
// What `hpsearch validate` says about an architecture space: how many networks it holds,
// how many genes, and its smallest and largest networks by trainable parameters (shape
// inference, torch-free). Spaces of at most kExactLimit networks are enumerated; larger
// ones are searched: random draws, then coordinate descent (one gene at a time, every
// value) from the best draws, so their extremes are the best found, said as such.
#include "hpsearch/arch/architecture.hpp"
#include "hpsearch/core/config.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace hpsearch::arch {

struct NetworkExtreme {
  std::int64_t parameters = 0;
  Config genes;
};

struct SpaceSize {
  static constexpr double kExactLimit = 20000.0;

  double networks = 1.0; ///< product of the genes' cardinalities
  std::size_t genes = 0;
  bool exact = false; ///< extremes from enumeration (else from search)
  NetworkExtreme smallest;
  NetworkExtreme largest;
  std::size_t tried = 0;       ///< networks decoded
  std::size_t unbuildable = 0; ///< of those, how many could not be built
  std::string first_failure;   ///< the message of the first unbuildable one
};

/// Throws hpsearch::Error (bad input) with the first failure when no network it tries can
/// be built. `seed` makes the search reproducible.
SpaceSize measure_space(const Architecture& architecture, std::uint64_t seed);

} // namespace hpsearch::arch
