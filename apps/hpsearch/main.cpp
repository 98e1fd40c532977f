// hpsearch: asynchronous hyperparameter search across MPI ranks.
#include "commands.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/version.hpp"

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

// A function-try-block: building the command line (CLI::App, the setup_* calls) may throw
// too, and must end in an exit code rather than std::terminate.
int main(int argc, char** argv) try {
  CLI::App app{"hpsearch: asynchronous hyperparameter and architecture search on MPI ranks.\n"
               "Rank 0 manages the search and writes every evaluation to an HDF5 checkpoint;\n"
               "all other ranks evaluate configurations.\n\n"
               "  mpirun -n 4 hpsearch run configs/quickstart.yaml   # run a search\n"
               "  hpsearch validate configs/quickstart.yaml           # check a problem file\n"
               "  hpsearch show quickstart.h5                         # summarize a checkpoint\n"
               "  hpsearch export quickstart.h5 --csv results.csv     # DeepHyper-style CSV\n"
               "  hpsearch report quickstart.h5 -o report.html        # one-file HTML report\n"
               "  hpsearch simulate configs/hartmann6.yaml -w 1920 -d lognormal:60,0.5\n",
               "hpsearch"};
  app.set_version_flag("--version", std::string(hpsearch::version()));
  app.require_subcommand(1);
  app.footer("Exit codes:\n"
             "  0  finished\n"
             "  1  internal error (a bug in hpsearch)\n"
             "  2  bad input: problem file, option, or what a checkpoint holds; running\n"
             "     again unchanged fails the same way\n"
             "  3  stopped early (walltime, signal); run again to resume\n"
             "  4  I/O or environment failure (an I/O error, permissions, a file-size limit,\n"
             "     a program or library missing on the node): fix the cause and run again\n"
             "  5  checkpoint storage full (no space left, or the quota spent): the checkpoint\n"
             "     keeps every evaluation flushed before; free space, then run again to\n"
             "     resume (job scripts do not resubmit on 5)");
  int exit_code = 0;
  hpsearch::app::setup_run(app, exit_code);
  hpsearch::app::setup_validate(app, exit_code);
  hpsearch::app::setup_show(app, exit_code);
  hpsearch::app::setup_status(app, exit_code);
  hpsearch::app::setup_export(app, exit_code);
  hpsearch::app::setup_simulate(app, exit_code);
  hpsearch::app::setup_report(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // CLI11 returns 0 for --help/--version; every usage error is our "bad input".
    return code == 0 ? 0 : static_cast<int>(hpsearch::ExitCode::bad_input);
  } catch (const hpsearch::Error& e) {
    std::cerr << "hpsearch: error: " << e.what() << "\n";
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    std::cerr << "hpsearch: internal error: " << e.what() << "\n";
    return static_cast<int>(hpsearch::ExitCode::internal_error);
  }
  return exit_code;
} catch (const std::exception& e) {
  std::cerr << "hpsearch: internal error: " << e.what() << "\n";
  return static_cast<int>(hpsearch::ExitCode::internal_error);
}
