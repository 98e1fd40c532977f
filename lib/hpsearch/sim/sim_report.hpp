#pragma once
// SimReport: what a simulation measured, and its printed form.
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace hpsearch {

struct SimReport {
  int workers = 0;
  double makespan = 0.0; ///< virtual seconds from the start to the manager's last event
  double busy = 0.0;     ///< worker-seconds spent in jobs
  /// Virtual time the last job reached its worker: the budget is all handed out, and what
  /// follows is the final drain (workers left idle while the last jobs run).
  double handed_out = 0.0;
  double busy_handed_out = 0.0; ///< worker-seconds spent in jobs up to handed_out
  double manager_busy = 0.0;    ///< virtual seconds the manager spent handling batches
  /// Real seconds the manager thread waited for a CPU during its batches (the machine's
  /// other load): measured, and left out of manager_busy.
  double runqueue_wait = 0.0;
  std::int64_t evaluations = 0; ///< results recorded (jobs, any status)
  std::int64_t trials = 0;      ///< of which ended a trial (every result but a pause)
  std::int64_t batches = 0;     ///< manager batches (commits)
  std::vector<double> idle;     ///< each wait of a worker: free -> its next job arrives
  std::vector<double> dispatch; ///< each wait: worker free -> the manager sends its job
  std::vector<std::pair<double, double>> best; ///< (virtual time, best so far) at improvements
  std::string stop_reason;
  double real_seconds = 0.0; ///< how long the simulation took on this machine

  double utilization() const { return makespan > 0.0 ? busy / (workers * makespan) : 0.0; }
  /// Steady-state utilization: busy worker-time / (workers x time until the budget is all
  /// handed out), the final drain left out.
  double steady_utilization() const {
    return handed_out > 0.0 ? busy_handed_out / (workers * handed_out) : 0.0;
  }
  double manager_fraction() const { return makespan > 0.0 ? manager_busy / makespan : 0.0; }
};

/// The q-quantile (0..1) by the nearest-rank rule; 0 for no samples.
double quantile(std::vector<double> samples, double q);

/// The closing lines of `hpsearch simulate`.
std::string format_report(const SimReport& report);

} // namespace hpsearch
