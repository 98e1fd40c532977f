#include "commands.hpp"
#include "hpsearch/config/catalog.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/config/problem_summary.hpp"
#include "hpsearch/runtime/evaluator_factory.hpp"
#include "hpsearch/runtime/strategy_factory.hpp"

#include <iostream>
#include <memory>
#include <string>

namespace hpsearch::app {

void setup_validate(CLI::App& app, int& exit_code) {
  auto path = std::make_shared<std::string>();
  CLI::App* validate = app.add_subcommand(
      "validate", "Check a problem file without running it: parse and check the space "
                  "(conditions, forbidden clauses), objective, search and run sections, build "
                  "the strategy, and print a summary of the space. Exit 0 when valid, 2 if not, "
                  "4 if this machine cannot run it (e.g. the trainer module is missing).");
  validate->add_option("problem", *path, "Problem file (YAML)")->required();
  validate->callback([path, &exit_code] {
    const Problem problem = load_problem(*path);
    const bool runnable = objective_kind_has_evaluator(problem.objective.kind);
    // Build what `run` builds, so validate accepts exactly what run would start.
    if (runnable) check_evaluator(problem);
    make_strategy_for(problem);
    std::cout << format_problem_summary(problem);
    if (!runnable) {
      std::cout << "note: objective.kind '" << problem.objective.kind
                << "' is checked but this build has no evaluator for it yet; `hpsearch run` "
                   "will refuse this problem\n";
    }
    exit_code = 0;
  });
}

} // namespace hpsearch::app
