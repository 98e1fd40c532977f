#pragma once
// StopTrigger: when a search must stop gracefully, and why — the first stop signal
// (StopSignals) or the allocation's end coming within `margin` seconds (Deadline) — and
// when a stop already under way must be cut short (another signal while draining).
// The manager polls it every loop; it remembers the first cause and its time, so the stop
// latency (cause -> exit) can be printed.
#include "hpsearch/sched/deadline.hpp"
#include "hpsearch/sched/stop_signals.hpp"

#include <string>
#include <utility>

namespace hpsearch {

class StopTrigger {
public:
  /// `signals` must outlive the trigger.
  StopTrigger(const StopSignals& signals, Deadline deadline, double margin)
      : signals_(signals), deadline_(std::move(deadline)), margin_(margin) {}

  /// True once a stop signal arrived or the deadline is within the margin. `wall`: wall
  /// seconds, `now`: monotonic seconds (core/clock.hpp).
  bool requested(double wall, double now);
  /// True when the stop under way must not wait any longer: a second signal, or any
  /// signal after the deadline started the stop.
  bool cut_short() const;
  /// "SIGTERM", "walltime" — empty before requested() returned true.
  const std::string& reason() const { return reason_; }
  /// Monotonic seconds of the cause (the signal's arrival, or the poll that saw the
  /// deadline due); 0 before requested() returned true.
  double triggered_at() const { return triggered_at_; }
  const Deadline& deadline() const { return deadline_; }
  double margin() const { return margin_; }

private:
  const StopSignals& signals_;
  Deadline deadline_;
  double margin_;
  std::string reason_;
  double triggered_at_ = 0.0;
};

} // namespace hpsearch
