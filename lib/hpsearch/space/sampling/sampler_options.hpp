#pragma once
// The initial design: which sampler proposes a strategy's first points and how many
// (`search.initial_design`, `search.initial_points`). Names and defaults only; the samplers
// are in sampler.hpp.
#include "hpsearch/core/registry.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace hpsearch {

enum class SamplerKind { random, lhs, sobol };

/// random (independent uniform points), lhs (Latin hypercube), sobol (scrambled Sobol).
inline constexpr Registry sampler_kinds{"initial design",
                                        std::array{Named{"random", SamplerKind::random},
                                                   Named{"lhs", SamplerKind::lhs},
                                                   Named{"sobol", SamplerKind::sobol}}};

struct InitialDesign {
  SamplerKind sampler = SamplerKind::random;
  std::int64_t points = 0; ///< 0: 2 * dimension + 1

  bool operator==(const InitialDesign&) const = default;
};

/// The number of points `design` gives in a space of `dimension` parameters (the default
/// rule for points 0). Negative counts are returned as they are, for the caller to refuse.
constexpr std::int64_t design_points(const InitialDesign& design, std::size_t dimension) {
  return design.points != 0 ? design.points : 2 * static_cast<std::int64_t>(dimension) + 1;
}

} // namespace hpsearch
