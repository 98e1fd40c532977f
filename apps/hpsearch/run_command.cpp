#include "commands.hpp"
#include "hpsearch/config/duration.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/runtime/run_search.hpp"
#include "hpsearch/runtime/transport/mpi_transport.hpp"

#include <iostream>
#include <memory>

namespace hpsearch::app {

namespace {

struct RunArgs {
  RunOptions options;
  std::string max_time;        ///< parsed with the problem file's duration syntax
  std::string walltime_margin; ///< likewise
  std::string transport = "mpi";
  int workers = 1; ///< --transport inproc: worker threads
};

} // namespace

void setup_run(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* run = app.add_subcommand(
      "run", "Run a search under MPI: `mpirun -n K hpsearch run PROBLEM` with K >= 2.\n"
             "Rank 0 manages; ranks 1..K-1 evaluate. Every finished evaluation is appended\n"
             "to the HDF5 checkpoint (and flushed) before its worker gets new work. An\n"
             "existing checkpoint is resumed. SIGTERM, SIGINT or SIGUSR1, or the allocation's\n"
             "end coming within --walltime-margin, stop gracefully (exit 3); run the same\n"
             "command again to continue. A full disk or spent quota ends the run with exit 5,\n"
             "another write failure with exit 4; the checkpoint keeps every evaluation\n"
             "flushed before (a reserve kept allocated past its end stops the run before\n"
             "the file system is full), and the same command resumes once fixed.\n"
             "Without MPI: `hpsearch run PROBLEM --transport inproc --workers N` runs the\n"
             "manager and N worker threads in one process.");
  run->add_option("problem", args->options.problem_path, "Problem file (YAML)")
      ->required()
      ->check(CLI::ExistingFile);
  run->add_option("--checkpoint,-c", args->options.checkpoint,
                  "HDF5 checkpoint to write (default: run.checkpoint, else <problem>.h5 in "
                  "the working directory). When it exists, the search resumes from it");
  run->add_option("--max-evals,-n", args->options.max_evals,
                  "Stop after this many finished evaluations in total, over every allocation "
                  "(overrides run.max_evals; may raise it when resuming)");
  run->add_option("--max-time", args->max_time,
                  "Stop handing out work after this long, e.g. 90s, 30m, 2h (overrides "
                  "run.max_time); running evaluations still finish and are recorded");
  run->add_option("--seed,-s", args->options.seed,
                  "Random seed for the search (overrides run.seed; default 42)");
  run->add_option("--progress-interval", args->options.progress_interval,
                  "Seconds between progress lines")
      ->default_val(2.0)
      ->check(CLI::PositiveNumber);
  run->add_flag("--fresh", args->options.fresh,
                "Move an existing checkpoint aside (timestamp suffix) and start over");
  run->add_flag("--force", args->options.force,
                "Resume even when the problem's search space or strategy differs from the "
                "checkpoint's");
  run->add_flag("--fsync", args->options.fsync,
                "fdatasync the checkpoint after every evaluation (survives node crashes; "
                "~750 evaluations/s measured here). A graceful stop always syncs. (YAML key "
                "run.fsync to come)");
  run->add_option("--drain,--stop-grace", args->options.drain,
                  "Seconds a graceful stop (signal or deadline) waits for running evaluations "
                  "to finish before aborting them (their jobs are re-run on resume); a second "
                  "signal ends the wait (overrides run.drain; default 0: at once)")
      ->check(CLI::NonNegativeNumber);
  run->add_option("--deadline", args->options.deadline,
                  "When this allocation ends: epoch seconds or an ISO 8601 time such as "
                  "2024-05-01T12:00:00Z (overrides run.deadline; default: asked from the batch "
                  "system: SLURM_JOB_END_TIME, squeue, COBALT_ENDTIME, qstat)");
  run->add_option("--walltime-margin", args->walltime_margin,
                  "Stop gracefully (exit 3) this long before the deadline, e.g. 90s, 5m "
                  "(overrides run.walltime_margin; default 5m)");
  add_read_timeout(*run, args->options.read_guard);
  run->add_flag("--quiet,-q", args->options.quiet, "Print errors only");
  run->add_option("--transport", args->transport,
                  "How the manager and the workers talk: mpi (ranks of `mpirun`), or inproc "
                  "(one process, without MPI: the manager and --workers worker threads; for a "
                  "laptop or a quick check)")
      ->default_val("mpi")
      ->check(CLI::IsMember({"mpi", "inproc"}));
  CLI::Option* workers = run->add_option("--workers,-w", args->workers,
                                         "Worker threads with --transport inproc (default 1)")
                             ->check(CLI::PositiveNumber);
  run->callback([args, workers, &exit_code] {
    if (workers->count() > 0 && args->transport != "inproc") {
      throw Error::input("--workers applies to --transport inproc only; under MPI the workers are "
                         "the ranks `mpirun -n` starts");
    }
    if (!args->max_time.empty()) args->options.max_time = parse_duration(args->max_time);
    if (!args->walltime_margin.empty()) {
      args->options.walltime_margin = parse_duration(args->walltime_margin);
    }
    if (args->transport == "inproc") {
      exit_code =
          static_cast<int>(run_in_process(args->options, args->workers, std::cout, std::cerr));
      return;
    }
    // MPI_THREAD_FUNNELED: rank 0 runs helper threads, only its main thread calls MPI.
    MpiSession mpi(std::cerr);
    Transport world = mpi.world();
    exit_code = static_cast<int>(run_search(args->options, world, std::cout, std::cerr));
  });
}

} // namespace hpsearch::app
