#include "hpsearch/runtime/run_search.hpp"

#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/version.hpp"
#include "hpsearch/runtime/checkpoint_journal.hpp"
#include "hpsearch/runtime/evaluator_factory.hpp"
#include "hpsearch/runtime/mpi_manager.hpp"
#include "hpsearch/runtime/mpi_worker.hpp"
#include "hpsearch/runtime/placement.hpp"
#include "hpsearch/runtime/resume_plan.hpp"
#include "hpsearch/runtime/strategy_factory.hpp"
#include "hpsearch/sched/batch_job.hpp"
#include "hpsearch/sched/deadline.hpp"
#include "hpsearch/sched/query_output.hpp"
#include "hpsearch/sched/scheduler.hpp"
#include "hpsearch/sched/stop_signals.hpp"
#include "hpsearch/sched/stop_trigger.hpp"
#include "hpsearch/search/strategy.hpp"
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/checkpoint_lock.hpp"
#include "hpsearch/store/reader.hpp"

#include <boost/mpi/collectives/broadcast.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <mpi.h>
#include <sstream>
#include <unistd.h>

namespace hpsearch {

namespace mpi = boost::mpi;

namespace {

constexpr int kManager = 0;

/// What rank 0 tells every worker after validation: go (with the problem) or exit.
struct StartMsg {
  int exit_code = 0;
  std::string problem_text;
  std::string problem_origin;
  std::string checkpoint_path; ///< as rank 0 resolved it (--checkpoint included)

  template <class Archive> void serialize(Archive& ar, unsigned) {
    ar& exit_code& problem_text& problem_origin& checkpoint_path;
  }
};

/// Everything rank 0 prepares before any worker starts. The lock is declared before the
/// checkpoint, so the file is closed before the lock is released.
struct Prepared {
  Problem problem;
  std::string checkpoint_path;
  std::unique_ptr<Strategy> strategy;
  std::optional<CheckpointLock> lock;
  std::optional<Checkpoint> checkpoint;
  ResumePoint resume;
  bool resumed = false;
  std::size_t lost = 0;
  BatchJob job;      ///< the batch system running us (sched/scheduler.hpp)
  Deadline deadline; ///< when the allocation ends (sched/deadline.hpp)
};

void apply_overrides(const RunOptions& options, Problem& problem) {
  RunSpec& run = problem.run;
  if (options.max_evals) {
    if (*options.max_evals <= 0) throw Error::input("--max-evals must be a positive integer");
    run.max_evals = *options.max_evals;
  }
  if (options.seed) run.seed = *options.seed;
  if (options.drain) run.drain = *options.drain;
  if (options.walltime_margin) run.walltime_margin = *options.walltime_margin;
  if (options.max_time) {
    if (!(*options.max_time > 0)) throw Error::input("--max-time must be a positive duration");
    run.max_time = *options.max_time;
  }
}

/// The batch job and its end (--deadline, run.deadline, else what the batch system says).
void locate_allocation(Prepared& p, const RunOptions& options) {
  const EnvLookup env = process_environment();
  p.job = detect_batch_job(env, [](const std::string& path) -> std::optional<std::string> {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  });
  DeadlineRequest request;
  if (options.deadline) {
    request = {options.deadline, "--deadline"};
  } else if (!p.problem.run.deadline.empty()) {
    request = {p.problem.run.deadline, "run.deadline in " + p.problem.origin};
  }
  p.deadline = find_deadline(
      request, p.job, env, [](const auto& argv) { return query_output(argv); }, wall_seconds());
}

/// "search.h5" -> "search.h5.20240501T120000Z" (another suffix when that exists too).
std::string move_aside(const std::string& path) {
  std::string stamp = format_iso8601(wall_seconds());
  std::erase(stamp, '-');
  std::erase(stamp, ':');
  std::string target = path + "." + stamp;
  for (int i = 1; std::filesystem::exists(target); ++i) {
    target = path + "." + stamp + "-" + std::to_string(i);
  }
  std::error_code ec;
  std::filesystem::rename(path, target, ec);
  if (ec)
    throw Error::io("--fresh: cannot move '" + path + "' aside to '" + target +
                    "': " + ec.message());
  return target;
}

Allocation this_allocation(int ranks) {
  const LockOwner self = CheckpointLock::self(batch_job_id());
  Allocation a;
  a.start = wall_seconds();
  a.ranks = ranks;
  a.pid = self.pid;
  a.job_id = self.job_id;
  a.host = self.host;
  return a;
}

void resume(Prepared& p, const RunOptions& options, int ranks, std::ostream& err) {
  CheckpointContents contents;
  try {
    contents = read_checkpoint(p.checkpoint_path);
  } catch (const Error& e) {
    throw Error(std::string("cannot resume: ") + e.what() +
                    " (the file was left untouched; use --fresh to move it aside and start over)",
                e.code());
  }
  if (options.seed && *options.seed != contents.info.seed) {
    err << "hpsearch: warning: --seed " << *options.seed << " ignored: the checkpoint continues "
        << "the search seeded " << contents.info.seed << "\n";
  }
  p.problem.run.seed = contents.info.seed;
  p.strategy = make_strategy_for(p.problem, ranks - 1);
  ResumePlan plan = plan_resume(contents, p.problem, *p.strategy, options.force);
  for (const auto& w : plan.warnings) err << "hpsearch: warning: " << w << "\n";
  p.checkpoint.emplace(
      Checkpoint::open(p.checkpoint_path, this_allocation(ranks), plan.killed_end));
  for (const auto& [evaluation, extras] : plan.lost_rows) p.checkpoint->add(evaluation, extras);
  p.lost = plan.lost_rows.size();
  p.resume = std::move(plan.point);
  p.resumed = true;
}

Prepared prepare(const RunOptions& options, int ranks, std::ostream& err) {
  Prepared p;
  p.problem = load_problem(options.problem_path);
  apply_overrides(options, p.problem);
  locate_allocation(p, options);
  p.checkpoint_path =
      checkpoint_path_for(options.problem_path, options.checkpoint, p.problem.run.checkpoint);
  // Build what the workers will build, so an objective they cannot evaluate is rejected here.
  check_evaluator(p.problem);
  std::string warning;
  p.lock.emplace(CheckpointLock::acquire(p.checkpoint_path, batch_job_id(), warning));
  if (!warning.empty()) err << "hpsearch: warning: " << warning << "\n";
  std::error_code ec;
  const bool exists =
      std::filesystem::exists(std::filesystem::symlink_status(p.checkpoint_path, ec));
  if (exists && options.fresh) {
    err << "hpsearch: --fresh: moved the old checkpoint to " << move_aside(p.checkpoint_path)
        << "\n";
  } else if (exists) {
    resume(p, options, ranks, err);
  }
  if (!p.checkpoint) {
    p.strategy = make_strategy_for(p.problem, ranks - 1);
    p.checkpoint.emplace(Checkpoint::create(
        p.checkpoint_path, p.problem.space,
        CheckpointInfo{p.problem.text, p.problem.search.strategy, p.problem.run.seed,
                       p.problem.objective.direction, std::string(version()), wall_seconds()},
        this_allocation(ranks)));
  }
  p.checkpoint->set_fsync(options.fsync);
  return p;
}

/// Where a rank sits on its node among the ranks of its role (workers, or the manager).
struct NodePlace {
  int local_rank = 0; ///< index among the node's ranks of the same role, by world rank
  int local_size = 1; ///< the node's ranks of the same role
};

/// Collective: every rank calls it. Splits the ranks sharing memory (a node), then the
/// workers apart from the manager, so worker local ranks count 0..k-1 on every node.
NodePlace node_place(const mpi::communicator& world) {
  MPI_Comm node = MPI_COMM_NULL;
  MPI_Comm_split_type(world, MPI_COMM_TYPE_SHARED, world.rank(), MPI_INFO_NULL, &node);
  const mpi::communicator local(node, mpi::comm_take_ownership);
  const mpi::communicator role = local.split(world.rank() == kManager ? 0 : 1, world.rank());
  return NodePlace{role.rank(), role.size()};
}

std::string describe_time(double seconds) {
  if (!std::isfinite(seconds)) return "none";
  return to_string(Value{seconds}) + "s";
}

ExitCode manage(Prepared& prepared, const StopSignals& signals, const RunOptions& options,
                const mpi::communicator& world, std::ostream& out) {
  const Problem& problem = prepared.problem;
  Checkpoint& checkpoint = *prepared.checkpoint;
  ManagerOptions mopts;
  mopts.max_evals = problem.run.max_evals;
  mopts.max_time = problem.run.max_time;
  mopts.seed = problem.run.seed;
  mopts.direction = problem.objective.direction;
  mopts.eval_timeout = problem.run.eval_timeout;
  mopts.pruner = PrunerOptions{problem.search.pruner, problem.search.pruner_warmup,
                               problem.search.pruner_min_jobs};
  const int workers = world.size() - 1;
  const std::size_t requeued = prepared.resume.requeue.size();
  ManagerCore core(*prepared.strategy, mopts, workers, monotonic_seconds(),
                   std::move(prepared.resume));
  CheckpointJournal journal(checkpoint, *prepared.strategy, core);
  journal.commit_state(wall_seconds()); // lost rows and re-queues durable before any work
  ProgressReporter progress(out, options.progress_interval, options.quiet, mopts.max_evals);
  if (problem.objective.kind == "torch") {
    progress.set_objective_name("validation " + problem.objective.torch.metric);
  }
  progress.start_line("hpsearch " + std::string(version()) + " | " + std::to_string(world.size()) +
                      " ranks: manager + " + std::to_string(workers) + " workers | problem " +
                      problem.origin);
  progress.start_line("strategy " + std::string(prepared.strategy->name()) + " | seed " +
                      std::to_string(mopts.seed) + " | " + std::string(to_string(mopts.direction)) +
                      " | max_evals " + std::to_string(mopts.max_evals) + " | max_time " +
                      describe_time(mopts.max_time) + " | checkpoint " + checkpoint.path());
  if (prepared.resumed) {
    progress.start_line("resuming " + checkpoint.path() + " (allocation " +
                        std::to_string(checkpoint.allocation()) +
                        "): " + std::to_string(core.stats().resumed) + " evaluations finished, " +
                        std::to_string(prepared.lost) + " lost in flight, " +
                        std::to_string(requeued) + " re-queued");
  }
  const RunSpec& run = problem.run;
  progress.start_line("batch: " + describe(prepared.job) + " | deadline " +
                      describe(prepared.deadline, wall_seconds()) + " | walltime_margin " +
                      describe_time(run.walltime_margin) + " | drain " + describe_time(run.drain));
  StopTrigger trigger(signals, prepared.deadline, run.walltime_margin);
  MpiManager manager(
      world, core, [&](const Actions& actions) { journal.commit(actions, wall_seconds()); },
      progress, [&] { return trigger.requested(wall_seconds(), monotonic_seconds()); }, run.drain);
  manager.set_stop_now([&] { return trigger.cut_short(); });
  const bool all_workers_done = manager.run();
  const double now = monotonic_seconds();
  progress.finish(core.stats(), core.stop_reason(), core.elapsed(now), checkpoint.path());
  progress.start_line(manager.dispatch_latency().summary());
  journal.commit_state(wall_seconds());
  if (core.stop_reason() == StopReason::requested) {
    const std::string reason = trigger.reason();
    checkpoint.end_allocation(wall_seconds(), "stopped by " + reason);
    // Signal (or deadline) -> exit, as far as this process can see it: what is left after
    // this line is closing the file and MPI_Finalize / MPI_Abort.
    const auto latency = [&] {
      std::ostringstream line;
      line << "hpsearch: stop latency " << std::fixed << std::setprecision(2)
           << monotonic_seconds() - trigger.triggered_at() << " s (" << reason << " -> exit)";
      return line.str();
    };
    if (!options.quiet) {
      out << "hpsearch: stopped by " << reason << ": " << core.in_flight().size()
          << " evaluations in flight recorded for re-queue; run the same command to resume"
          << std::endl;
    }
    if (!all_workers_done) {
      // Workers still inside an evaluation cannot hear us; the checkpoint is complete and
      // synced, so end the job now rather than wait (mpirun then exits 3).
      prepared.checkpoint.reset();
      prepared.lock.reset();
      out << "hpsearch: workers still busy after a drain of " << run.drain
          << (trigger.cut_short() ? " s (cut short by a second signal)" : " s")
          << ": aborting the job" << std::endl;
      out << latency() << std::endl;
      world.abort(static_cast<int>(ExitCode::stopped));
    }
    out << latency() << std::endl;
    return ExitCode::stopped;
  }
  checkpoint.end_allocation(wall_seconds(), std::string(to_string(core.stop_reason())));
  return ExitCode::finished;
}

ExitCode work(const StartMsg& start, const NodePlace& place, const StopSignals& signals,
              const mpi::communicator& world) {
  Problem problem = parse_problem(start.problem_text, start.problem_origin);
  problem.run.checkpoint = start.checkpoint_path; // command jobs' directories go next to it
  WorkerContext context;
  context.rank = world.rank();
  context.host = mpi::environment::processor_name();
  context.local_rank = place.local_rank;
  context.local_size = place.local_size;
  context.torn_down = [&signals] {
    const int first = signals.received();
    return first == SIGTERM || first == SIGINT || signals.count() >= 2;
  };
  const PlacementSpec placement{problem.run.gpus_per_node, problem.run.threads_per_worker};
  place_worker(context, placement, detect_gpus(placement.gpus_per_node));
  // In-process evaluators (function, plugin) run in this process: give it the thread
  // settings its children get. Set before the evaluator exists, so before any thread pool.
  for (const auto& [name, value] : context.child_env) {
    if (name == "OMP_NUM_THREADS" || name == "MKL_NUM_THREADS") {
      setenv(name.c_str(), value.c_str(), 1);
    }
  }
  auto evaluator = make_evaluator(problem, context);
  ReadyMsg ready{context.host, context.local_rank, context.device};
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
  // From here on SIGTERM / SIGINT / SIGUSR1 only set a flag, on every rank: the manager
  // stops gracefully, a worker never dies in the middle of a message.
  const StopSignals signals;
  StartMsg start;
  std::optional<Prepared> prepared;
  if (world.rank() == kManager) {
    try {
      prepared.emplace(prepare(options, world.size(), err));
      start.problem_text = prepared->problem.text;
      start.problem_origin = prepared->problem.origin;
      start.checkpoint_path = prepared->checkpoint_path;
    } catch (const Error& e) {
      err << "hpsearch: error: " << e.what() << "\n";
      start.exit_code = static_cast<int>(e.code());
      prepared.reset(); // closes the checkpoint, releases the lock
    }
  }
  mpi::broadcast(world, start, kManager);
  if (start.exit_code != 0) return static_cast<ExitCode>(start.exit_code);

  try {
    const NodePlace place = node_place(world);
    if (world.rank() == kManager) return manage(*prepared, signals, options, world, out);
    return work(start, place, signals, world);
  } catch (const Error& e) {
    // Past the start line, an error on one rank would leave the others waiting forever. A
    // worker that cannot build its evaluator (a node without the trainer module) is bad
    // input: exit 2, as the same error found before the start would give.
    err << "hpsearch: fatal error on rank " << world.rank() << ": " << e.what() << std::endl;
    world.abort(static_cast<int>(e.code()));
  } catch (const std::exception& e) {
    err << "hpsearch: fatal error on rank " << world.rank() << ": " << e.what() << std::endl;
    world.abort(static_cast<int>(ExitCode::internal_error));
  }
  return ExitCode::internal_error;
}

} // namespace hpsearch
