#pragma once
// Whether the objective is minimized or maximized; honoured by strategies, the
// best-so-far tracking and `hpsearch show`.
#include <optional>
#include <string_view>

namespace hpsearch {

enum class Direction { minimize, maximize };

/// True when objective `a` is strictly better than `b` under `direction`.
inline bool is_better(Direction direction, double a, double b) {
  return direction == Direction::minimize ? a < b : a > b;
}

std::string_view to_string(Direction direction);
std::optional<Direction> direction_from_string(std::string_view name);

} // namespace hpsearch
