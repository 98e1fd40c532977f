#pragma once
// run_manager: rank 0's part of `hpsearch run`, over any Transport. Prepares the run
// (run_setup.hpp); tells every worker to start (StartMsg with the problem) or to exit with
// the error's code; then serves them (ManagerLoop around ManagerCore, every event made
// durable by CheckpointJournal first) until the search ends (exit 0), or a signal or the
// allocation's end stops it gracefully (exit 3, resumable). Workers still busy once a stop's
// drain has passed are ended by Transport::abort.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/manager_core.hpp"
#include "hpsearch/runtime/run_options.hpp"
#include "hpsearch/runtime/transport/transport.hpp"
#include "hpsearch/sched/stop_signals.hpp"

#include <ostream>

namespace hpsearch {

/// The manager's limits from a problem's run keys (budget, deadline, seed, direction, per-job
/// timeout): one rule for `hpsearch run` and `hpsearch simulate`.
ManagerOptions manager_options_for(const Problem& problem);

/// Errors before the start are printed to `err` and returned as their exit code; later ones
/// are thrown.
ExitCode run_manager(const RunOptions& options, Transport& transport, const StopSignals& signals,
                     std::ostream& out, std::ostream& err);

} // namespace hpsearch
