#pragma once
// MpiManager: the thin Boost.MPI transport around ManagerCore on rank 0. It waits on any
// source (never on one worker), turns messages into events and executes the resulting
// actions in order, after `commit` has made them durable (rows, state, flush): no worker
// hears of an event before the checkpoint holds it.
#include "hpsearch/runtime/dispatch_latency.hpp"
#include "hpsearch/runtime/manager_core.hpp"
#include "hpsearch/runtime/progress.hpp"

#include <boost/mpi/communicator.hpp>
#include <functional>

namespace hpsearch {

class MpiManager {
public:
  /// Makes an event's actions durable (CheckpointJournal::commit).
  using Commit = std::function<void(const Actions&)>;
  /// Polled every loop: true once a graceful stop was requested (a signal).
  using StopRequested = std::function<bool()>;

  /// `stop_grace`: seconds a graceful stop waits for busy workers to finish their
  /// evaluation and acknowledge; run() gives up on them after that.
  MpiManager(const boost::mpi::communicator& world, ManagerCore& core, Commit commit,
             ProgressReporter& progress, StopRequested stop_requested, double stop_grace)
      : world_(world), core_(core), commit_(std::move(commit)), progress_(progress),
        stop_requested_(std::move(stop_requested)), stop_grace_(stop_grace) {}

  /// Serves workers until every one of them has been shut down (or has acknowledged a
  /// stop), or until a stop's grace has passed. Returns false in that last case: some
  /// workers are still busy, and only MPI_Abort ends them promptly.
  bool run();

  /// Polled while a graceful stop drains: true ends the drain at once (a second signal),
  /// as if its grace had passed.
  void set_stop_now(StopRequested stop_now) { stop_now_ = std::move(stop_now); }

  /// Ready/Result received -> Job sent, per job served.
  const DispatchLatency& dispatch_latency() const { return latency_; }

private:
  /// Messages handled per batch (one commit each) at most.
  static constexpr int kMaxBatch = 64;

  /// Receives the message `status` announced and feeds it to the core; returns its actions.
  Actions handle(const boost::mpi::status& status);
  void execute(const Actions& actions);

  const boost::mpi::communicator& world_;
  ManagerCore& core_;
  Commit commit_;
  ProgressReporter& progress_;
  StopRequested stop_requested_;
  double stop_grace_;
  StopRequested stop_now_;
  double stop_deadline_ = 0.0; ///< monotonic seconds; set when a stop is requested
  bool stopping_ = false;
  DispatchLatency latency_;
};

} // namespace hpsearch
