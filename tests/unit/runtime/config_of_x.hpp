#pragma once
// The configuration {x: v} of the one-parameter problems of the runtime tests.
#include "hpsearch/core/config.hpp"

namespace hpsearch::test {

inline Config x(double v) {
  Config c;
  c.set("x", v);
  return c;
}

} // namespace hpsearch::test
