#include "commands.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/report/best_first.hpp"
#include "hpsearch/report/column_list.hpp"
#include "hpsearch/report/kept_model_listing.hpp"
#include "hpsearch/report/network_listing.hpp"
#include "hpsearch/report/summary.hpp"
#include "hpsearch/report/trial_states.hpp"
#include "hpsearch/store/reader.hpp"
#include "hpsearch/store/run_paths.hpp"
#include "hpsearch/train/kept_model_path.hpp"

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hpsearch::app {

namespace {

/// What `show` needs of the stored problem: the trial directory the run used, as `run`
/// resolves it (store/run_paths: the stored problem's run.trial_dir, a relative path taken
/// from the working directory, as given, else the default beside the checkpoint), where it
/// came from, and run.keep_models.
struct StoredRunSettings {
  std::string trial_dir;
  std::string source = "default: beside the checkpoint";
  std::int64_t keep_models = 0;
};

StoredRunSettings stored_run_settings(const CheckpointContents& contents,
                                      const std::string& checkpoint) {
  StoredRunSettings settings;
  std::string trial_dir;
  try {
    if (contents.info.problem_text.empty()) throw Error::input("the checkpoint stores none");
    const Problem problem =
        parse_problem(contents.info.problem_text, checkpoint + " (the problem it stores)");
    trial_dir = problem.run.trial_dir;
    settings.keep_models = problem.run.kept_models.keep;
    if (!trial_dir.empty()) settings.source = "run.trial_dir of the stored problem";
  } catch (const Error& e) {
    settings.source += "; the stored problem cannot be read: " + std::string(e.what());
  }
  settings.trial_dir = resolve_run_paths("", checkpoint, "", "", trial_dir).trial_dir;
  return settings;
}

/// The networks run.keep_models keeps: the K best ok evaluations, each with its file.
std::vector<report::KeptModelFile> kept_model_files(const CheckpointContents& contents,
                                                    const StoredRunSettings& settings) {
  const std::string dir = kept_models_dir(settings.trial_dir);
  std::vector<report::KeptModelFile> files;
  for (const Evaluation* evaluation : report::best_first(contents)) {
    if (files.size() >= static_cast<std::size_t>(settings.keep_models)) break;
    std::string path = kept_model_path(dir, evaluation->id);
    std::error_code ec;
    const bool present = std::filesystem::is_regular_file(path, ec);
    files.push_back({evaluation, std::move(path), present});
  }
  return files;
}

} // namespace

void setup_show(CLI::App& app, int& exit_code) {
  auto path = std::make_shared<std::string>();
  auto top = std::make_shared<std::size_t>(5);
  auto guard = std::make_shared<ReadGuardOptions>();
  auto columns = std::make_shared<bool>(false);
  auto layers = std::make_shared<bool>(false);
  CLI::App* show = app.add_subcommand(
      "show", "Summarize a checkpoint: evaluations, failures, the best configurations (the "
              "best trials at the highest fidelity they reached, in a multi-fidelity search), "
              "the disk the trial states use (in the stored problem's run.trial_dir, else "
              "beside the checkpoint; the line names the directory), wall time, and with "
              "run.keep_models the kept networks (eval id, objective, file, whether the file "
              "is there). Safe to run on the checkpoint of a search that is still running.");
  show->add_option("checkpoint", *path, "HDF5 checkpoint written by `hpsearch run`")
      ->required()
      ->check(CLI::ExistingFile);
  show->add_option("--top", *top, "How many of the best evaluations to list")->default_val(5);
  show->add_flag("--columns", *columns,
                 "List the columns `hpsearch export` writes instead of the summary: parameters, "
                 "the built-in ones and the user metrics (declared under `metrics:` or "
                 "reported in a job's metadata), with how many rows hold each metric");
  show->add_flag("--layers", *layers,
                 "Architecture searches: after the summary, the --top best networks as layer "
                 "lists (node, kind, inputs, output shape, parameters), each with its "
                 "parameters and multiply-adds per sample");
  add_read_timeout(*show, *guard);
  show->callback([path, top, guard, columns, layers, &exit_code] {
    guard_checkpoint_read(*path, *guard);
    const CheckpointContents contents = read_checkpoint(*path);
    exit_code = 0;
    if (*columns) {
      std::cout << format_columns(contents);
      return;
    }
    // Read first: a checkpoint without an architecture is refused before anything is printed.
    const auto architecture =
        *layers ? std::optional(stored_architecture(contents, *path)) : std::nullopt;
    const StoredRunSettings settings = stored_run_settings(contents, *path);
    std::cout << format_summary(contents, *top,
                                examine_trial_states(settings.trial_dir, settings.source));
    if (settings.keep_models > 0) {
      std::cout << "\n"
                << report::format_kept_models(kept_model_files(contents, settings),
                                              settings.keep_models);
    }
    if (architecture) {
      std::cout << "\n" << report::format_best_networks(contents, *architecture, *top);
    }
    exit_code = 0;
  });
}

} // namespace hpsearch::app
