#pragma once
// One parser per top-level section of a problem file. Each takes the section's Field and
// returns its validated value type or throws a located hpsearch::Error. Internal to the
// config module; problem.cpp calls them in order.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/config/yaml_field.hpp"

#include <vector>

namespace hpsearch::detail {

/// The space plus, per parameter (same order), the Field of its definition, so later
/// sections can point at a parameter.
struct ParsedSpace {
  SearchSpace space;
  std::vector<Field> fields;
};

ParsedSpace parse_space(const Field& field);
ObjectiveSpec parse_objective(const Field& field, const ParsedSpace& space);
SearchSpec parse_search(const Field& field);
RunSpec parse_run(const Field& field);

} // namespace hpsearch::detail
