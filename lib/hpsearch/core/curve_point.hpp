#pragma once
// CurvePoint: one intermediate value of an evaluation (e.g. validation accuracy after an
// epoch), a row of /curves. The step is a double end to end — as evaluators report it
// (eval/reporter.hpp, the plugin ABI), as the pruner judges it and as /curves stores it —
// so a fractional step (1.5 epochs) is never rounded on the way.
#include "hpsearch/core/evaluation.hpp"

#include <cstdint>

namespace hpsearch {

struct CurvePoint {
  JobId eval_id = -1;
  double step = 0.0;
  double value = 0.0;

  friend bool operator==(const CurvePoint&, const CurvePoint&) = default;
};

} // namespace hpsearch
