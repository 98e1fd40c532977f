#pragma once
// run_worker: a worker rank's part of `hpsearch run`, over any Transport. Waits for the
// manager's StartMsg (or exits with its code), finds its place on the node, binds its GPU
// and thread settings (placement.hpp), builds the evaluator the problem asks for and runs
// the WorkerLoop until the manager shuts it down.
#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/transport/transport.hpp"
#include "hpsearch/sched/stop_signals.hpp"

namespace hpsearch {

struct WorkerOptions {
  /// The worker is a process of its own (MPI): in-process evaluators get the thread
  /// settings (OMP_NUM_THREADS, MKL_NUM_THREADS) in the process environment. False for
  /// ranks running as threads of one process, which leave the shared environment alone
  /// (children still get them).
  bool own_process = true;
};

ExitCode run_worker(Transport& transport, const StopSignals& signals,
                    const WorkerOptions& options = {});

} // namespace hpsearch
