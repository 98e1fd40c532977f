#pragma once
// CurvePoint: one intermediate value of an evaluation (e.g. validation accuracy after an
// epoch), a row of /curves.
#include "hpsearch/core/evaluation.hpp"

#include <cstdint>

namespace hpsearch {

struct CurvePoint {
  JobId eval_id = -1;
  std::int64_t step = 0;
  double value = 0.0;

  friend bool operator==(const CurvePoint&, const CurvePoint&) = default;
};

} // namespace hpsearch
