#pragma once
// Whether the objective is minimized or maximized; honoured by strategies, the
// best-so-far tracking and `hpsearch show`.
#include "hpsearch/core/registry.hpp"

#include <array>
#include <optional>
#include <string_view>

namespace hpsearch {

enum class Direction { minimize, maximize };

inline constexpr Registry directions{
    "direction",
    std::array{Named{"minimize", Direction::minimize}, Named{"maximize", Direction::maximize}}};

/// True when objective `a` is strictly better than `b` under `direction`.
inline bool is_better(Direction direction, double a, double b) {
  return direction == Direction::minimize ? a < b : a > b;
}

std::string_view to_string(Direction direction);
std::optional<Direction> direction_from_string(std::string_view name);

} // namespace hpsearch
