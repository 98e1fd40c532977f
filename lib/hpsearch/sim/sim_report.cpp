#include "hpsearch/sim/sim_report.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <numeric>
#include <sstream>

namespace hpsearch {

double quantile(std::vector<double> samples, double q) {
  if (samples.empty()) return 0.0;
  std::sort(samples.begin(), samples.end());
  const auto n = static_cast<double>(samples.size());
  const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(q * n)));
  return samples[std::min(rank, samples.size()) - 1];
}

namespace {

std::string seconds(double s) {
  std::ostringstream out;
  if (s < 1e-3) {
    out << std::fixed << std::setprecision(1) << s * 1e6 << " us";
  } else if (s < 1.0) {
    out << std::fixed << std::setprecision(2) << s * 1e3 << " ms";
  } else {
    out << std::fixed << std::setprecision(2) << s << " s";
  }
  return out.str();
}

/// A few points of the best-so-far curve: at 10, 25, 50, 75 and 100 % of the makespan.
void best_lines(const SimReport& r, std::ostream& out) {
  if (r.best.empty()) {
    out << "best objective: none (no successful evaluation)\n";
    return;
  }
  out << "best objective against virtual time:\n";
  for (const double share : {0.1, 0.25, 0.5, 0.75, 1.0}) {
    const double t = share * r.makespan;
    const auto it = std::upper_bound(r.best.begin(), r.best.end(), t,
                                     [](double x, const auto& p) { return x < p.first; });
    out << "  " << std::setw(10) << seconds(t) << "  ";
    if (it == r.best.begin()) {
      out << "-\n";
    } else {
      out << std::setprecision(6) << std::prev(it)->second << "\n";
    }
  }
}

} // namespace

std::string format_report(const SimReport& r) {
  std::ostringstream out;
  const double idle_total = std::accumulate(r.idle.begin(), r.idle.end(), 0.0);
  out << std::fixed << std::setprecision(4);
  out << "simulated " << r.workers << " workers: makespan " << seconds(r.makespan) << " (virtual), "
      << r.stop_reason << "\n";
  out << "utilization " << r.utilization() << " (busy worker-time / (workers x makespan))\n";
  out << "steady-state utilization " << r.steady_utilization()
      << " (busy worker-time / (workers x time until the budget is all handed out, "
      << seconds(r.handed_out) << "))\n";
  out << "evaluations " << r.evaluations << ", trials ended " << r.trials << "\n";
  out << "worker idle waits: p50 " << seconds(quantile(r.idle, 0.5)) << ", p99 "
      << seconds(quantile(r.idle, 0.99)) << " over " << r.idle.size() << " jobs (total "
      << seconds(idle_total) << ")\n";
  out << "manager busy fraction " << r.manager_fraction() << " (" << r.batches << " batches, "
      << seconds(r.batches > 0 ? r.manager_busy / static_cast<double>(r.batches) : 0.0)
      << " each on average; " << seconds(r.runqueue_wait)
      << " of the manager thread's run-queue wait left out)\n";
  out << "dispatch (worker free -> job sent): p50 " << seconds(quantile(r.dispatch, 0.5))
      << ", p99 " << seconds(quantile(r.dispatch, 0.99)) << "\n";
  best_lines(r, out);
  out << std::setprecision(1) << "simulation took " << r.real_seconds << " s on this machine\n";
  return out.str();
}

} // namespace hpsearch
