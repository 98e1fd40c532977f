#include "hpsearch/core/direction.hpp"

namespace hpsearch {

std::string_view to_string(Direction direction) {
  return directions.name_of(direction);
}

std::optional<Direction> direction_from_string(std::string_view name) {
  if (const Direction* direction = directions.find(name)) return *direction;
  return std::nullopt;
}

} // namespace hpsearch
