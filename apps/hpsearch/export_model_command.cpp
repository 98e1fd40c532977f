#include "commands.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/report/best_first.hpp"
#include "hpsearch/store/run_paths.hpp"
#include "hpsearch/train/kept_model_path.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

namespace hpsearch::app {

namespace {

struct ExportModelArgs {
  std::string checkpoint;
  std::optional<std::int64_t> eval;
  bool best = false;
  std::string output;
  ReadGuardOptions guard;
};

/// The evaluation to export: --eval ID (an ok row of the checkpoint) or --best.
const Evaluation& chosen(const CheckpointContents& contents, const ExportModelArgs& args) {
  if (args.best) {
    const auto ranked = report::best_first(contents);
    if (ranked.empty()) {
      throw Error::input(args.checkpoint + ": no successful evaluation, so no model to export");
    }
    return *ranked.front();
  }
  const auto it = std::find_if(contents.evaluations.begin(), contents.evaluations.end(),
                               [&](const Evaluation& e) { return e.id == *args.eval; });
  if (it == contents.evaluations.end()) {
    throw Error::input(args.checkpoint + ": --eval " + std::to_string(*args.eval) +
                       ": no such evaluation (ids 0 to " +
                       std::to_string(contents.evaluations.size()) + " are recorded)");
  }
  if (it->status != Status::ok) {
    throw Error::input(args.checkpoint + ": --eval " + std::to_string(*args.eval) + " is " +
                       std::string(to_string(it->status)) + ": only ok evaluations keep models");
  }
  return *it;
}

void run_export_model(const ExportModelArgs& args) {
  namespace fs = std::filesystem;
  if (args.best == args.eval.has_value()) {
    throw Error::input("hpsearch export-model: say which model: --eval ID or --best");
  }
  guard_checkpoint_read(args.checkpoint, args.guard);
  const CheckpointContents contents = read_checkpoint(args.checkpoint);
  if (contents.info.problem_text.empty()) {
    throw Error::input(args.checkpoint + ": the checkpoint stores no problem file");
  }
  const Problem problem =
      parse_problem(contents.info.problem_text, args.checkpoint + " (the problem it stores)");
  const Evaluation& evaluation = chosen(contents, args);
  const std::string trial_dir =
      resolve_run_paths("", args.checkpoint, "", "", problem.run.trial_dir).trial_dir;
  const std::string source = kept_model_path(kept_models_dir(trial_dir), evaluation.id);
  std::error_code ec;
  if (!fs::is_regular_file(source, ec)) {
    throw Error::input(args.checkpoint + ": evaluation " + std::to_string(evaluation.id) +
                       " has no kept model (" + source + " is missing; run.keep_models is " +
                       std::to_string(problem.run.kept_models.keep) +
                       ": only the best K evaluations of a torch objective keep theirs)");
  }
  const std::string partial = args.output + ".partial";
  fs::copy_file(source, partial, fs::copy_options::overwrite_existing, ec);
  if (!ec) fs::rename(partial, args.output, ec);
  if (ec) {
    fs::remove(partial);
    throw Error::io("cannot write the model to '" + args.output + "': " + ec.message());
  }
  std::cout << "hpsearch: wrote " << args.output << " (the kept model of evaluation "
            << evaluation.id << ", objective " << evaluation.objective << ")\n";
}

} // namespace

void setup_export_model(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExportModelArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export-model",
      "Write one kept model (run.keep_models) as a self-contained file: the trained weights, "
      "the network's description (model kind, architecture, configuration), the input "
      "standardisation and the validation metric of those weights (a torch::serialize "
      "archive; train/kept_model.hpp reads it back).");
  cmd->add_option("checkpoint", args->checkpoint, "HDF5 checkpoint written by `hpsearch run`")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--eval,--id", args->eval,
                  "The evaluation (job id, as `show` lists the kept models) whose model to write");
  cmd->add_flag("--best", args->best, "The best successful evaluation's model");
  cmd->add_option("--output,-o", args->output, "The file to write")->required();
  add_read_timeout(*cmd, args->guard);
  cmd->callback([args, &exit_code] {
    run_export_model(*args);
    exit_code = 0;
  });
}

} // namespace hpsearch::app
