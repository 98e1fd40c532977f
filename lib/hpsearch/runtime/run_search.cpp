#include "hpsearch/runtime/run_search.hpp"

#include "hpsearch/runtime/manager_main.hpp"
#include "hpsearch/runtime/transport/in_process_transport.hpp"
#include "hpsearch/runtime/worker_main.hpp"
#include "hpsearch/sched/stop_signals.hpp"

#include <exception>
#include <thread>
#include <vector>

namespace hpsearch {

namespace {

constexpr int kManager = 0;

ExitCode run_rank(const RunOptions& options, Transport& transport, const StopSignals& signals,
                  const WorkerOptions& worker, std::ostream& out, std::ostream& err) {
  try {
    if (transport.rank() == kManager) return run_manager(options, transport, signals, out, err);
    return run_worker(transport, signals, worker);
  } catch (const TransportClosed&) {
    return ExitCode::stopped; // another rank aborted the run (in one process) and said why
  } catch (const Error& e) {
    // Past the start line, an error on one rank would leave the others waiting forever. A
    // worker that cannot build its evaluator (a node without the trainer module) is bad
    // input: exit 2, as the same error found before the start would give.
    err << "hpsearch: fatal error on rank " << transport.rank() << ": " << e.what() << std::endl;
    transport.abort(e.code());
    return e.code();
  } catch (const std::exception& e) {
    err << "hpsearch: fatal error on rank " << transport.rank() << ": " << e.what() << std::endl;
    transport.abort(ExitCode::internal_error);
    return ExitCode::internal_error;
  }
}

} // namespace

ExitCode run_search(const RunOptions& options, Transport& transport, std::ostream& out,
                    std::ostream& err) {
  if (transport.size() < 2) {
    err << "hpsearch: error: `hpsearch run` needs at least 2 MPI ranks (rank 0 manages, the "
           "others evaluate); it was started with 1.\n  Start it with e.g. `mpirun -n 4 "
           "hpsearch run "
        << options.problem_path << "`, or in one process with `hpsearch run "
        << options.problem_path << " --transport inproc --workers 3`.\n";
    return ExitCode::bad_input;
  }
  // From here on SIGTERM / SIGINT / SIGUSR1 only set a flag, on every rank: the manager
  // stops gracefully, a worker never dies in the middle of a message.
  const StopSignals signals;
  return run_rank(options, transport, signals, WorkerOptions{}, out, err);
}

ExitCode run_in_process(const RunOptions& options, int workers, std::ostream& out,
                        std::ostream& err) {
  if (workers < 1) {
    err << "hpsearch: error: --workers must be at least 1, got " << workers << "\n";
    return ExitCode::bad_input;
  }
  const StopSignals signals;
  InProcessNetwork network(workers + 1);
  std::vector<ExitCode> codes(static_cast<std::size_t>(workers) + 1, ExitCode::finished);
  {
    std::vector<std::jthread> threads;
    for (int rank = 1; rank <= workers; ++rank) {
      threads.emplace_back([&, rank, transport = network.endpoint(rank)]() mutable {
        codes[static_cast<std::size_t>(rank)] =
            run_rank(options, transport, signals, WorkerOptions{false}, out, err);
      });
    }
    Transport manager = network.endpoint(kManager);
    codes[0] = run_rank(options, manager, signals, WorkerOptions{false}, out, err);
    // Every worker has been shut down, told to exit, or (after an abort) woken by the
    // closed network. The threads are joined here: a worker inside an evaluation ends it
    // first (a thread cannot be killed as MPI_Abort kills a process).
  }
  for (const ExitCode code : codes) {
    if (code != ExitCode::finished && code != ExitCode::stopped) return code;
  }
  return codes[0];
}

} // namespace hpsearch
