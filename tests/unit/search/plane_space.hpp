#pragma once
// The search tests' two-dimensional space: reals x and y in [0, 1].
#include "hpsearch/space/search_space.hpp"

namespace hpsearch::test {

inline SearchSpace plane() {
  SearchSpace space;
  space.add(Parameter::real("x", 0.0, 1.0));
  space.add(Parameter::real("y", 0.0, 1.0));
  return space;
}

} // namespace hpsearch::test
