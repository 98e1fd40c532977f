#include "commands.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/runtime/evaluator_factory.hpp"
#include "hpsearch/runtime/strategy_factory.hpp"

#include <iostream>
#include <memory>
#include <string>

namespace hpsearch::app {

void setup_validate(CLI::App& app, int& exit_code) {
  auto path = std::make_shared<std::string>();
  CLI::App* validate = app.add_subcommand(
      "validate", "Check a problem file without running it: parse the space, objective, "
                  "search and run sections and print the space. Exit 0 when valid, 2 if not.");
  validate->add_option("problem", *path, "Problem file (YAML)")->required();
  validate->callback([path, &exit_code] {
    const Problem problem = load_problem(*path);
    make_evaluator(problem.objective, problem.space);
    make_strategy_for(problem);
    std::cout << problem.origin << ": valid\n";
    std::cout << "space: " << problem.space.size() << " parameters\n";
    for (const auto& p : problem.space.parameters()) {
      std::cout << "  " << p.name << ": " << p.describe() << "\n";
    }
    std::cout << "objective: " << problem.objective.kind << " " << problem.objective.function
              << " (" << to_string(problem.objective.direction) << ")\n";
    std::cout << "search: " << problem.search.strategy << " | max_evals " << problem.run.max_evals
              << " | seed " << problem.run.seed << "\n";
    exit_code = 0;
  });
}

} // namespace hpsearch::app
