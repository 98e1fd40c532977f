#pragma once
// RowExtras: the /evaluations columns that core's Evaluation does not hold: the lost
// evaluation a row re-runs, and the allocation that recorded it.
#include "hpsearch/core/evaluation.hpp"

#include <cstdint>

namespace hpsearch {

struct RowExtras {
  JobId requeue_of = -1;       ///< schema::kNoRequeue: re-runs nothing
  std::int32_t allocation = 0; ///< set by Checkpoint on append; read back by the reader

  friend bool operator==(const RowExtras&, const RowExtras&) = default;
};

} // namespace hpsearch
