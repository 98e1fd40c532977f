#include "hpsearch/sched/stop_trigger.hpp"

namespace hpsearch {

bool StopTrigger::requested(double wall, double now) {
  if (!reason_.empty()) return true;
  if (const int signal = signals_.received(); signal != 0) {
    reason_ = StopSignals::name(signal);
    triggered_at_ = signals_.received_at() > 0.0 ? signals_.received_at() : now;
    return true;
  }
  if (deadline_due(deadline_, margin_, wall)) {
    reason_ = "walltime";
    triggered_at_ = now;
    return true;
  }
  return false;
}

bool StopTrigger::cut_short() const {
  if (reason_.empty()) return false;
  return reason_ == "walltime" ? signals_.count() >= 1 : signals_.count() >= 2;
}

} // namespace hpsearch
