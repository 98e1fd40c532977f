#include "commands.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/runtime/chain_status.hpp"
#include "hpsearch/store/reader.hpp"

#include <iostream>
#include <memory>
#include <string>

namespace hpsearch::app {

void setup_status(CLI::App& app, int& exit_code) {
  auto path = std::make_shared<std::string>();
  auto problem = std::make_shared<std::string>();
  auto guard = std::make_shared<ReadGuardOptions>();
  CLI::App* status = app.add_subcommand(
      "status",
      "Machine-readable chain status of a checkpoint, one key=value line each (read by the "
      "job scripts to stop a chain that makes no progress): finished (evaluations), "
      "allocations, last_allocation (graceful | abnormal: it recorded no stop | none), "
      "stalled (allocations in a row, the last included, that ended abnormally without a "
      "worker returning a result; jobs recorded failed at resume are not results), to_fail (jobs "
      "the next resume records failed after "
      "run.max_requeues abnormal ends), max_requeues.");
  status->add_option("checkpoint", *path, "HDF5 checkpoint written by `hpsearch run`")
      ->required()
      ->check(CLI::ExistingFile);
  status->add_option("--problem", *problem,
                     "Problem file the next link resumes with (its run.max_requeues); default: "
                     "the problem stored in the checkpoint");
  add_read_timeout(*status, *guard);
  status->callback([path, problem, guard, &exit_code] {
    guard_checkpoint_read(*path, *guard);
    const CheckpointContents contents = read_checkpoint(*path);
    const Problem p = problem->empty() ? parse_problem(contents.info.problem_text,
                                                       *path + " (the problem it stores)")
                                       : load_problem(*problem);
    std::cout << format_chain_status(chain_status(contents, p.run.max_requeues));
    exit_code = 0;
  });
}

} // namespace hpsearch::app
