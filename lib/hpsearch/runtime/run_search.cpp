#include "hpsearch/runtime/run_search.hpp"

#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/version.hpp"
#include "hpsearch/runtime/evaluator_factory.hpp"
#include "hpsearch/runtime/mpi_manager.hpp"
#include "hpsearch/runtime/mpi_worker.hpp"
#include "hpsearch/runtime/strategy_factory.hpp"
#include "hpsearch/search/strategy.hpp"
#include "hpsearch/store/checkpoint.hpp"

#include <boost/mpi/collectives/broadcast.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <filesystem>
#include <mpi.h>

namespace hpsearch {

namespace mpi = boost::mpi;

namespace {

constexpr int kManager = 0;

/// What rank 0 tells every worker after validation: go (with the problem) or exit.
struct StartMsg {
  int exit_code = 0;
  std::string problem_text;
  std::string problem_origin;

  template <class Archive> void serialize(Archive& ar, unsigned) {
    ar& exit_code& problem_text& problem_origin;
  }
};

/// Everything rank 0 prepares before any worker starts.
struct Prepared {
  Problem problem;
  std::string checkpoint_path;
  std::unique_ptr<Strategy> strategy;
};

Prepared prepare(const RunOptions& options) {
  Prepared p;
  p.problem = load_problem(options.problem_path);
  RunSpec& run = p.problem.run;
  if (options.max_evals) {
    if (*options.max_evals <= 0) throw Error("--max-evals must be a positive integer");
    run.max_evals = *options.max_evals;
  }
  if (options.seed) run.seed = *options.seed;
  if (options.max_time) {
    if (!(*options.max_time > 0)) throw Error("--max-time must be a positive duration");
    run.max_time = *options.max_time;
  }
  p.checkpoint_path = checkpoint_path_for(options.problem_path, options.checkpoint, run.checkpoint);
  // Build what the workers will build, so an objective they cannot evaluate is rejected here.
  make_evaluator(p.problem.objective, p.problem.space);
  p.strategy = make_strategy_for(p.problem);
  return p;
}

/// This rank's index among the ranks on its node. Collective: every rank calls it.
int node_local_rank(const mpi::communicator& world) {
  MPI_Comm node = MPI_COMM_NULL;
  MPI_Comm_split_type(world, MPI_COMM_TYPE_SHARED, world.rank(), MPI_INFO_NULL, &node);
  const mpi::communicator local(node, mpi::comm_take_ownership);
  return local.rank();
}

std::string describe_time(double seconds) {
  if (!std::isfinite(seconds)) return "none";
  return to_string(Value{seconds}) + "s";
}

ExitCode manage(Prepared& prepared, Checkpoint& checkpoint, const RunOptions& options,
                const mpi::communicator& world, std::ostream& out) {
  const Problem& problem = prepared.problem;
  ManagerOptions mopts;
  mopts.max_evals = problem.run.max_evals;
  mopts.max_time = problem.run.max_time;
  mopts.seed = problem.run.seed;
  mopts.direction = problem.objective.direction;
  const int workers = world.size() - 1;
  ManagerCore core(*prepared.strategy, mopts, workers, monotonic_seconds());
  ProgressReporter progress(out, options.progress_interval, options.quiet, mopts.max_evals);
  progress.start_line("hpsearch " + std::string(version()) + " | " + std::to_string(world.size()) +
                      " ranks: manager + " + std::to_string(workers) + " workers | problem " +
                      problem.origin);
  progress.start_line("strategy " + std::string(prepared.strategy->name()) + " | seed " +
                      std::to_string(mopts.seed) + " | " + std::string(to_string(mopts.direction)) +
                      " | max_evals " + std::to_string(mopts.max_evals) + " | max_time " +
                      describe_time(mopts.max_time) + " | checkpoint " + checkpoint.path());
  MpiManager manager(
      world, core, [&](const Evaluation& e) { checkpoint.append(e); }, progress);
  manager.run();
  progress.finish(core.stats(), core.stop_reason(), core.elapsed(monotonic_seconds()),
                  checkpoint.path());
  return ExitCode::finished;
}

ExitCode work(const StartMsg& start, int local_rank, const mpi::communicator& world) {
  const Problem problem = parse_problem(start.problem_text, start.problem_origin);
  auto evaluator = make_evaluator(problem.objective, problem.space);
  ReadyMsg ready{mpi::environment::processor_name(), local_rank, "cpu"};
  MpiWorker(world, *evaluator, std::move(ready)).run();
  return ExitCode::finished;
}

} // namespace

std::string checkpoint_path_for(const std::string& problem_path,
                                const std::optional<std::string>& override_path,
                                const std::string& from_problem) {
  if (override_path && !override_path->empty()) return *override_path;
  if (!from_problem.empty()) return from_problem;
  return std::filesystem::path(problem_path).stem().string() + ".h5";
}

ExitCode run_search(const RunOptions& options, const mpi::communicator& world, std::ostream& out,
                    std::ostream& err) {
  if (world.size() < 2) {
    err << "hpsearch: error: `hpsearch run` needs at least 2 MPI ranks (rank 0 manages, the "
           "others evaluate); it was started with 1.\n  Start it with e.g. `mpirun -n 4 "
           "hpsearch run "
        << options.problem_path << "`.\n";
    return ExitCode::bad_input;
  }
  StartMsg start;
  std::optional<Prepared> prepared;
  std::optional<Checkpoint> checkpoint;
  if (world.rank() == kManager) {
    try {
      prepared = prepare(options);
      checkpoint.emplace(Checkpoint::create(
          prepared->checkpoint_path, prepared->problem.space,
          CheckpointInfo{prepared->problem.text, prepared->problem.search.strategy,
                         prepared->problem.run.seed, prepared->problem.objective.direction,
                         std::string(version()), wall_seconds()}));
      start.problem_text = prepared->problem.text;
      start.problem_origin = prepared->problem.origin;
    } catch (const Error& e) {
      err << "hpsearch: error: " << e.what() << "\n";
      start.exit_code = static_cast<int>(e.code());
    }
  }
  mpi::broadcast(world, start, kManager);
  if (start.exit_code != 0) return static_cast<ExitCode>(start.exit_code);

  try {
    const int local_rank = node_local_rank(world);
    if (world.rank() == kManager) return manage(*prepared, *checkpoint, options, world, out);
    return work(start, local_rank, world);
  } catch (const std::exception& e) {
    // Past the start line, an error on one rank would leave the others waiting forever.
    err << "hpsearch: fatal error on rank " << world.rank() << ": " << e.what() << std::endl;
    world.abort(static_cast<int>(ExitCode::internal_error));
  }
  return ExitCode::internal_error;
}

} // namespace hpsearch
