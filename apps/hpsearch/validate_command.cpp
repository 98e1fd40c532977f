#include "commands.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/config/problem_summary.hpp"
#include "hpsearch/runtime/evaluator_factory.hpp"
#include "hpsearch/runtime/replay_source.hpp"
#include "hpsearch/runtime/strategy_factory.hpp"
#include "hpsearch/store/run_paths.hpp"

#include <iostream>
#include <memory>
#include <optional>
#include <string>

namespace hpsearch::app {

void setup_validate(CLI::App& app, int& exit_code) {
  auto path = std::make_shared<std::string>();
  CLI::App* validate = app.add_subcommand(
      "validate", "Check a problem file without running it: parse and check the space "
                  "(conditions, forbidden clauses), objective, search and run sections, build "
                  "the strategy, and print a summary of the space and every effective search "
                  "setting (defaults included). Exit 0 when valid, 2 if not, 4 if this machine "
                  "cannot run it (e.g. the trainer module is missing).");
  validate->add_option("problem", *path, "Problem file (YAML)")->required();
  validate->callback([path, &exit_code] {
    const Problem problem = load_problem(*path);
    // Build what `run` builds, so validate accepts exactly what run would start.
    const RunPaths paths = resolve_run_paths(*path, std::nullopt, problem.run.checkpoint,
                                             problem.run.workdir, problem.run.trial_dir);
    check_evaluator(problem, paths.workdir);
    make_strategy_for(problem);
    replay_schedule_for(problem, *path);
    std::cout << format_problem_summary(problem);
    exit_code = 0;
  });
}

} // namespace hpsearch::app
