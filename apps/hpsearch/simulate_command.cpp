#include "commands.hpp"
#include "hpsearch/config/duration.hpp"
#include "hpsearch/sim/simulate_main.hpp"

#include <iostream>
#include <memory>

namespace hpsearch::app {

namespace {

struct SimulateArgs {
  SimulateOptions options;
  std::string max_time; ///< parsed with the problem file's duration syntax
};

constexpr const char* kHelp =
    "Predict a search's worker utilization before spending an allocation: a discrete-event\n"
    "simulation in virtual time with N virtual workers that runs the REAL manager (the\n"
    "same ManagerCore, scheduler, strategy and checkpoint journal as `hpsearch run`) over\n"
    "the in-process transport. Budget: the problem's run.max_evals and run.max_time, in\n"
    "virtual seconds (--max-evals, --max-time override them).\n"
    "\n"
    "Objectives: objective.kind function only (a test function, or a learning curve\n"
    "curve_* whose progress reports arrive at their virtual times, so pruners and\n"
    "multi-fidelity schedulers decide as in reality). Kinds command, plugin and torch are\n"
    "refused (exit 2) by this version.\n"
    "\n"
    "Duration models (--duration, seconds):\n"
    "  const:T             every evaluation lasts T\n"
    "  uniform:A,B         uniform in [A, B] (objective.sleep: [A, B] in a real run)\n"
    "  lognormal:MEAN,S    log-normal with mean MEAN and log-space standard deviation S\n"
    "  objective           the problem's objective.sleep, drawn job by job exactly as a\n"
    "                      real run's workers draw it (the same per-job seeds)\n"
    "  trace:FILE          resampled (uniformly, with replacement) from measured durations:\n"
    "                      FILE.h5/.hdf5 is an earlier checkpoint (each row's finished_at -\n"
    "                      started_at); else a CSV file whose header names a `duration`\n"
    "                      column, or `started` and `finished` (or export's\n"
    "                      m:timestamp_start and m:timestamp_end: `hpsearch export --csv`\n"
    "                      output is a trace), optionally `steps`, or `from_fidelity`\n"
    "                      and `fidelity` (export's m:from_budget, m:budget). Each row is\n"
    "                      divided by the steps it ran (`steps`; a checkpoint's progress\n"
    "                      reports; floor(fidelity) - floor(from_fidelity); else 1) into\n"
    "                      per-step samples\n"
    "A learning-curve job from fidelity a to b draws once per whole step (b - a draws, as\n"
    "the real evaluator sleeps per step); a plain function draws once per job. Draws come\n"
    "from their own stream, seeded from the search's seed and the job id.\n"
    "\n"
    "Charged to virtual time: each job's drawn durations; each message, either way,\n"
    "--latency seconds; and the manager's own work for every batch of messages it handles\n"
    "(tell, model fit, ask, journal write and flush, dispatch), measured on this machine's\n"
    "steady clock minus the time the manager thread sat runnable waiting for a CPU (other\n"
    "programs' load, printed; a cluster's manager has its core to itself), or --manager-cost\n"
    "per batch; arriving messages wait meanwhile, so a slow manager makes virtual workers\n"
    "wait as it would on a cluster. Not charged: AMBS\n"
    "model fits on the manager's helper thread (they run in real time beside the\n"
    "simulation, as beside dispatch in a real run; since virtual time runs faster, more\n"
    "proposals come from the latest ranking's runners-up than in a real run: the search's\n"
    "quality may differ, its utilization does not depend on it).\n"
    "\n"
    "Prints utilization (busy worker-time / (workers x makespan)); the steady-state\n"
    "utilization (busy worker-time / (workers x the time until the budget is all handed\n"
    "out, i.e. the last job reaches its worker): the final drain, workers idle while the\n"
    "last jobs of a max_evals budget run, left out, so it measures the manager, not the\n"
    "budget's tail); evaluations and trials, worker idle waits (p50/p99), the manager's busy "
    "fraction, the time from a worker\n"
    "being free to its job being sent (p50/p99) and the best objective against virtual\n"
    "time. --checkpoint keeps the HDF5 file a real run would write (times virtual, marked\n"
    "`simulated`), for `hpsearch show` and `export`.";

} // namespace

void setup_simulate(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SimulateArgs>();
  CLI::App* sim = app.add_subcommand("simulate", kHelp);
  sim->add_option("problem", args->options.problem_path, "Problem file (YAML)")
      ->required()
      ->check(CLI::ExistingFile);
  sim->add_option("--workers,-w", args->options.workers, "Virtual workers")
      ->required()
      ->check(CLI::PositiveNumber);
  sim->add_option(
         "--duration,-d", args->options.duration,
         "Duration model: const:T | uniform:A,B | lognormal:MEAN,SIGMA (seconds) | trace:FILE | "
         "objective")
      ->required();
  sim->add_option("--latency", args->options.latency,
                  "Seconds charged to every message, one way (default 25e-6: half the "
                  "Boost.MPI request/reply round trip measured on the development machine)")
      ->check(CLI::NonNegativeNumber);
  sim->add_option("--manager-cost", args->options.manager_cost,
                  "Charge this many seconds per manager batch instead of the measured time "
                  "(a what-if, or a reproducible run)")
      ->check(CLI::NonNegativeNumber);
  sim->add_option("--checkpoint,-c", args->options.checkpoint,
                  "Keep the simulated run's HDF5 checkpoint here (must not exist); default: a "
                  "temporary file, removed at the end");
  sim->add_option("--max-evals,-n", args->options.max_evals,
                  "Stop after this many finished evaluations (overrides run.max_evals)");
  sim->add_option("--max-time", args->max_time,
                  "Stop handing out work after this much virtual time, e.g. 90s, 3h "
                  "(overrides run.max_time)");
  sim->add_option("--seed,-s", args->options.seed,
                  "Seed of the search (overrides run.seed); the durations derive their own");
  sim->add_option("--progress-interval", args->options.progress_interval,
                  "Real seconds between progress lines")
      ->default_val(10.0)
      ->check(CLI::PositiveNumber);
  sim->add_flag("--quiet,-q", args->options.quiet, "Print errors only");
  sim->callback([args, &exit_code] {
    if (!args->max_time.empty()) args->options.max_time = parse_duration(args->max_time);
    exit_code = static_cast<int>(run_simulate(args->options, std::cout, std::cerr));
  });
}

} // namespace hpsearch::app
