#pragma once
// Worker utilization per allocation (one run or resume of a search), from each row's start
// and finish: the figure that tells a user whether more workers would have helped.
//
// For allocation a with W = ranks - 1 workers, its window runs from its start to its end
// (while it runs, or when its end was never recorded: to the latest finish of its rows).
// busy(t) = the rows of a (RowExtras::allocation == a) with started_at <= t < finished_at;
// the mean utilization is the busy worker-seconds (each row's started_at .. finished_at
// clipped to the window) over W x the window's length.
#include "hpsearch/report/html/svg_plot.hpp"
#include "hpsearch/store/reader.hpp"

#include <cstddef>
#include <vector>

namespace hpsearch::report::html {

struct AllocationUtilization {
  std::size_t allocation = 0; ///< index into CheckpointContents::allocations
  int workers = 0;            ///< ranks - 1
  double start = 0.0;         ///< wall-clock seconds since the Unix epoch
  double end = 0.0;
  std::size_t rows = 0;      ///< rows recorded by this allocation
  double busy_seconds = 0.0; ///< worker-seconds spent evaluating, within the window
  double mean = 0.0;         ///< busy_seconds / (workers * (end - start)); NaN if undefined
  std::vector<Point> busy;   ///< (seconds since start, busy workers), a step function
};

/// One entry per allocation, in order.
std::vector<AllocationUtilization> worker_utilization(const CheckpointContents& contents);

} // namespace hpsearch::report::html
