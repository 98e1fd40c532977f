#pragma once
// The row types of /allocations and /curves (schema.hpp) and their conversions. Internal
// to the store module.
#include "hpsearch/core/curve_point.hpp"
#include "hpsearch/store/allocation.hpp"
#include "hpsearch/store/h5_handle.hpp"
#include "hpsearch/store/schema.hpp"

#include <cstdint>

namespace hpsearch::h5 {

struct AllocationRow {
  double start;
  double end;
  std::int32_t ranks;
  std::int64_t pid;
  char job_id[schema::kHostSize];
  char host[schema::kHostSize];
  char exit_reason[schema::kHostSize];
};

/// The compound type of AllocationRow / CurvePoint with the schema's column names.
Handle allocation_type();
Handle curve_type();

AllocationRow to_row(const Allocation& allocation);
Allocation from_row(const AllocationRow& row);

} // namespace hpsearch::h5
