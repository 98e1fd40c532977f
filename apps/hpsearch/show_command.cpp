#include "commands.hpp"
#include "hpsearch/report/summary.hpp"
#include "hpsearch/report/trial_states.hpp"
#include "hpsearch/store/reader.hpp"

#include <iostream>
#include <memory>
#include <string>

namespace hpsearch::app {

void setup_show(CLI::App& app, int& exit_code) {
  auto path = std::make_shared<std::string>();
  auto top = std::make_shared<std::size_t>(5);
  auto guard = std::make_shared<ReadGuardOptions>();
  CLI::App* show = app.add_subcommand(
      "show", "Summarize a checkpoint: evaluations, failures, the best configurations (the "
              "best trials at the highest fidelity they reached, in a multi-fidelity search), "
              "the disk the trial states use, and wall time. Safe to run on the checkpoint of a "
              "search that is still running.");
  show->add_option("checkpoint", *path, "HDF5 checkpoint written by `hpsearch run`")
      ->required()
      ->check(CLI::ExistingFile);
  show->add_option("--top", *top, "How many of the best evaluations to list")->default_val(5);
  add_read_timeout(*show, *guard);
  show->callback([path, top, guard, &exit_code] {
    guard_checkpoint_read(*path, *guard);
    // run.trial_dir's default rule (the trial directory beside the checkpoint).
    std::cout << format_summary(read_checkpoint(*path), *top,
                                trial_states_usage(default_trial_dir(*path)));
    exit_code = 0;
  });
}

} // namespace hpsearch::app
