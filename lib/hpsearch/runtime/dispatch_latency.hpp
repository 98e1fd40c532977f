#pragma once
// DispatchLatency: how long a free worker waits for its next job — from the moment the
// manager receives its Ready or Result to the moment the Job is sent (the checkpoint
// flush and the strategy's ask() included). The manager prints the summary at the end.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace hpsearch {

class DispatchLatency {
public:
  /// A worker's Ready or Result arrived at `now` (monotonic seconds).
  void received(int rank, double now) { waiting_since_[rank] = now; }
  /// A job was sent to `rank` at `now`; ignored when nothing was received from it.
  void sent(int rank, double now);

  std::size_t count() const { return samples_.size(); }
  /// The q-quantile (0..1) in seconds, by the nearest-rank rule; 0 without samples.
  double quantile(double q) const;
  /// "dispatch latency: median 0.04 ms, p99 0.31 ms, max 1.2 ms over 57 jobs".
  std::string summary() const;

private:
  std::map<int, double> waiting_since_;
  std::vector<double> samples_;
};

} // namespace hpsearch
