#include "hpsearch/core/direction.hpp"

namespace hpsearch {

std::string_view to_string(Direction direction) {
  return direction == Direction::minimize ? "minimize" : "maximize";
}

std::optional<Direction> direction_from_string(std::string_view name) {
  if (name == "minimize") return Direction::minimize;
  if (name == "maximize") return Direction::maximize;
  return std::nullopt;
}

} // namespace hpsearch
