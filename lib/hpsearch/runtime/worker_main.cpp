#include "hpsearch/runtime/worker_main.hpp"

#include "hpsearch/config/problem.hpp"
#include "hpsearch/runtime/evaluator_factory.hpp"
#include "hpsearch/runtime/placement.hpp"
#include "hpsearch/runtime/worker_loop.hpp"

#include <csignal>
#include <cstdlib>
#include <string>

namespace hpsearch {

namespace {

StartMsg wait_for_start(Transport& transport) {
  for (;;) {
    if (auto envelope = transport.receive(std::chrono::seconds(1), Tag::start)) {
      return std::get<StartMsg>(std::move(envelope->message));
    }
  }
}

} // namespace

ExitCode run_worker(Transport& transport, const StopSignals& signals,
                    const WorkerOptions& options) {
  const StartMsg start = wait_for_start(transport);
  if (start.exit_code != 0) return static_cast<ExitCode>(start.exit_code);
  const NodePlace place = transport.node_place();
  const Problem problem = parse_problem(start.problem_text, start.problem_origin);
  WorkerContext context;
  context.rank = transport.rank();
  context.host = place.host;
  context.local_rank = place.local_rank;
  context.local_size = place.local_size;
  context.trial_root = start.trial_dir;
  context.torn_down = [&signals] {
    const int first = signals.received();
    return first == SIGTERM || first == SIGINT || signals.count() >= 2;
  };
  const PlacementSpec placement{problem.run.gpus_per_node, problem.run.threads_per_worker};
  place_worker(context, placement, detect_gpus(placement.gpus_per_node));
  if (options.own_process) {
    // The function evaluator runs in this process: give it the thread settings its
    // children (commands, the plugin and torch evaluation host) get in their environment.
    // Set before the evaluator exists, so before any thread pool.
    for (const auto& [name, value] : context.child_env) {
      if (name == "OMP_NUM_THREADS" || name == "MKL_NUM_THREADS") {
        // Only in a process of its own (threads as ranks never get here), before any of
        // our threads exists; MPI's own threads do not read these two variables.
        setenv(name.c_str(), value.c_str(), 1); // NOLINT(concurrency-mt-unsafe)
      }
    }
  }
  auto evaluator = make_evaluator(problem, context, start.workdir);
  ReadyMsg ready{context.host, context.local_rank, context.device};
  WorkerLoop(transport, *evaluator, std::move(ready)).run();
  return ExitCode::finished;
}

} // namespace hpsearch
