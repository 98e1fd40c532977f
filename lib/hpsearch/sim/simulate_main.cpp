#include "hpsearch/sim/simulate_main.hpp"

#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/core/version.hpp"
#include "hpsearch/eval/function_evaluator.hpp"
#include "hpsearch/runtime/checkpoint_journal.hpp"
#include "hpsearch/runtime/manager_main.hpp"
#include "hpsearch/runtime/strategy_factory.hpp"
#include "hpsearch/search/lifecycle/scheduler_factory.hpp"
#include "hpsearch/sim/simulation.hpp"
#include "hpsearch/store/checkpoint.hpp"

#include <filesystem>
#include <sstream>
#include <unistd.h>

namespace hpsearch {

namespace {

/// The durations' own stream, apart from the search's.
constexpr std::uint64_t kDurationStream = 0x5117'd0a7;

/// A temporary folder for the checkpoint when --checkpoint is not given; removed with it.
class TempFolder {
public:
  TempFolder() {
    const auto base = std::filesystem::temp_directory_path() / "hpsearch-simulate-XXXXXX";
    std::string pattern = base.string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw Error::io("cannot create a temporary folder like " + base.string());
    }
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::string& path() const { return path_; }

private:
  std::string path_;
};

Problem load(const SimulateOptions& options) {
  Problem problem = load_problem(options.problem_path);
  if (problem.objective.kind != EvaluatorKind::function) {
    throw Error::input(problem.origin + ": objective.kind " +
                       std::string(evaluator_kinds.name_of(problem.objective.kind)) +
                       " cannot be simulated by this version; `hpsearch simulate` evaluates "
                       "objective.kind function (a test function or a learning curve)");
  }
  RunSpec& run = problem.run;
  if (options.max_evals) {
    if (*options.max_evals <= 0) throw Error::input("--max-evals must be a positive integer");
    run.max_evals = *options.max_evals;
  }
  if (options.max_time) {
    if (!(*options.max_time > 0)) throw Error::input("--max-time must be a positive duration");
    run.max_time = *options.max_time;
  }
  if (options.seed) run.seed = *options.seed;
  if (options.workers < 1) {
    throw Error::input("--workers must be at least 1, got " + std::to_string(options.workers));
  }
  if (!(options.latency >= 0.0)) throw Error::input("--latency must be >= 0 seconds");
  if (options.manager_cost && !(*options.manager_cost >= 0.0)) {
    throw Error::input("--manager-cost must be >= 0 seconds");
  }
  return problem;
}

std::string format_seconds(double s) {
  std::ostringstream out;
  out << s;
  return out.str();
}

std::string description(const SimulateOptions& options, const DurationModel& duration) {
  return std::to_string(options.workers) + " virtual workers, duration " + duration.describe() +
         ", latency " + format_seconds(options.latency) + " s, manager " +
         (options.manager_cost ? format_seconds(*options.manager_cost) + " s per batch"
                               : std::string("measured")) +
         " (times are virtual)";
}

ExitCode simulate(const SimulateOptions& options, std::ostream& out) {
  const Problem problem = load(options);
  const DurationModel duration = parse_duration_model(options.duration);
  std::vector<std::string> names;
  for (const auto& p : problem.space.parameters()) names.push_back(p.name);
  // Validates the function against the space exactly as a worker would.
  const ObjectiveSpec& objective = problem.objective;
  const FunctionEvaluator evaluator(objective.function, names, objective.sleep_min,
                                    objective.sleep_max, objective.sleep_log);
  const JobModel jobs(evaluator, duration, derive_seed(problem.run.seed, kDurationStream));

  std::optional<TempFolder> temp;
  std::string path;
  if (options.checkpoint) {
    path = *options.checkpoint;
  } else {
    temp.emplace();
    path = temp->path() + "/simulated.h5";
  }
  const std::unique_ptr<Strategy> strategy = make_strategy_for(problem, options.workers);
  const double wall0 = wall_seconds();
  CheckpointInfo info{problem.text,           std::string(strategy->name()),
                      problem.run.seed,       problem.objective.direction,
                      std::string(version()), wall0};
  const std::string simulated = description(options, duration);
  Allocation allocation;
  allocation.start = wall0;
  allocation.ranks = options.workers + 1;
  allocation.pid = getpid();
  allocation.host = "simulated";
  Checkpoint checkpoint = Checkpoint::create(path, problem.space, info, allocation);
  checkpoint.mark_simulated(simulated);

  const std::unique_ptr<Scheduler> scheduler =
      make_scheduler({.strategy = *strategy,
                      .direction = problem.objective.direction,
                      .pruner = problem.search.pruner,
                      .multifidelity = problem.search.multifidelity,
                      .seed = problem.run.seed,
                      .space = &problem.space});
  const ManagerOptions mopts = manager_options_for(problem);
  ManagerCore core(*scheduler, mopts, options.workers, 0.0);
  CheckpointJournal journal(checkpoint, core);
  journal.commit_state(wall0);
  if (!options.quiet) {
    out << "hpsearch simulate " << version() << " | problem " << problem.origin << " | strategy "
        << strategy->name() << " | seed " << problem.run.seed << " | " << simulated
        << " | max_evals " << mopts.max_evals << " | max_time "
        << (std::isfinite(mopts.max_time) ? format_seconds(mopts.max_time) + " s" : "none")
        << (options.checkpoint ? " | checkpoint " + path : std::string()) << std::endl;
  }
  SimulationOptions sopts;
  sopts.workers = options.workers;
  sopts.latency = options.latency;
  sopts.manager_cost = options.manager_cost;
  sopts.max_time = mopts.max_time;
  sopts.progress_interval = options.quiet ? 0.0 : options.progress_interval;
  Simulation simulation(
      core, jobs, sopts,
      [&](const Actions& actions, double wall) { journal.commit(actions, wall); }, wall0);
  const SimReport report = simulation.run(out);
  journal.commit_state(wall0 + report.makespan);
  checkpoint.end_allocation(wall0 + report.makespan, report.stop_reason);
  checkpoint.close();
  if (!options.quiet) {
    out << format_report(report);
    // Where the proposals came from (AMBS: model, reserve, fallback), as `run` prints it.
    // The model's fits run on the helper thread in real time, while virtual time runs as
    // fast as the manager's charged work: the model's share here is a lower bound.
    if (const std::string summary = scheduler->summary(); !summary.empty()) out << summary << "\n";
    out << std::flush;
  }
  return ExitCode::finished;
}

} // namespace

ExitCode run_simulate(const SimulateOptions& options, std::ostream& out, std::ostream& err) {
  try {
    return simulate(options, out);
  } catch (const Error& e) {
    err << "hpsearch: error: " << e.what() << "\n";
    return e.code();
  }
}

} // namespace hpsearch
