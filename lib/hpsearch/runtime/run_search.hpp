#pragma once
// run_search: `hpsearch run` on one rank of any Transport. Rank 0 reads and validates the
// problem, takes the checkpoint's lock and creates the checkpoint, or resumes it when it
// exists, before any rank starts work; a problem or checkpoint it rejects makes every rank
// exit 2. Then rank 0 manages (manager_main.hpp) and the others work (worker_main.hpp) until
// the search ends (exit 0), or a signal (SIGTERM, SIGINT, SIGUSR1) or the allocation's end
// coming within run.walltime_margin (sched/deadline.hpp) stops it gracefully (exit 3,
// resumable).
//
// run_in_process: the same search with its ranks as threads of this process over the
// in-process transport (`hpsearch run --transport inproc --workers N`).
#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/run_options.hpp"
#include "hpsearch/runtime/transport/transport.hpp"

#include <ostream>

namespace hpsearch {

/// Returns the process exit code. Errors are printed to `err` by rank 0 only, except an
/// error past the start, which ends every rank (Transport::abort with its code).
ExitCode run_search(const RunOptions& options, Transport& transport, std::ostream& out,
                    std::ostream& err);

/// `workers` >= 1 worker threads and the manager on this thread. The exit code is the one
/// `mpirun` would give: the first error's, else the manager's.
ExitCode run_in_process(const RunOptions& options, int workers, std::ostream& out,
                        std::ostream& err);

} // namespace hpsearch
