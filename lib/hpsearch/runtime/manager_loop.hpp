#pragma once
// ManagerLoop: rank 0's loop around ManagerCore, over any Transport (MPI in production, the
// in-process network in unit tests). It waits on any source (never on one worker), turns
// messages into events and executes the resulting actions in order, after `commit` has made
// them durable (rows, state, flush): no worker hears of an event before the checkpoint
// holds it.
#include "hpsearch/runtime/dispatch_latency.hpp"
#include "hpsearch/runtime/manager_core.hpp"
#include "hpsearch/runtime/progress.hpp"
#include "hpsearch/runtime/transport/transport.hpp"

#include <functional>

namespace hpsearch {

class ManagerLoop {
public:
  /// Makes an event's actions durable (CheckpointJournal::commit).
  using Commit = std::function<void(const Actions&)>;
  /// Polled every loop: true once a graceful stop was requested (a signal).
  using StopRequested = std::function<bool()>;

  /// `stop_grace`: seconds a graceful stop waits for busy workers to finish their
  /// evaluation and acknowledge; run() gives up on them after that.
  ManagerLoop(Transport& transport, ManagerCore& core, Commit commit, ProgressReporter& progress,
              StopRequested stop_requested, double stop_grace)
      : transport_(transport), core_(core), commit_(std::move(commit)), progress_(progress),
        stop_requested_(std::move(stop_requested)), stop_grace_(stop_grace) {}

  /// Serves workers until every one of them has been shut down (or has acknowledged a
  /// stop), or until a stop's grace has passed. Returns false in that last case: some
  /// workers are still busy, and only an abort (Transport::abort) ends them promptly.
  bool run();

  /// Polled while a graceful stop drains: true ends the drain at once (a second signal),
  /// as if its grace had passed.
  void set_stop_now(StopRequested stop_now) { stop_now_ = std::move(stop_now); }

  /// Ready/Result received -> Job sent, per job served.
  const DispatchLatency& dispatch_latency() const { return latency_; }

  /// Messages handled per batch (one commit each) at most.
  static constexpr int kMaxBatch = 64;

private:
  /// Feeds a received message to the core; returns its actions.
  Actions handle(Envelope envelope);
  void execute(const Actions& actions);

  Transport& transport_;
  ManagerCore& core_;
  Commit commit_;
  ProgressReporter& progress_;
  StopRequested stop_requested_;
  double stop_grace_;
  StopRequested stop_now_;
  double stop_deadline_ = 0.0; ///< monotonic seconds; set when a stop is requested
  bool stopping_ = false;
  DispatchLatency latency_;
  ThreadClock thread_clock_;         ///< the manager thread's CPU and run-queue time, for latency_
  ThreadClock::Reading batch_clock_; ///< thread_clock_ when the current batch's first message came
};

} // namespace hpsearch
