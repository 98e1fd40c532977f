#include "hpsearch/runtime/evaluator_factory.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/command_evaluator.hpp"
#include "hpsearch/eval/function_evaluator.hpp"
#include "hpsearch/eval/plugin_evaluator.hpp"
#include "hpsearch/eval/torch_evaluator.hpp"

#include <filesystem>

namespace hpsearch {

namespace {

/// kind: command. Jobs' directories go under run.workdir, by default next to the
/// checkpoint: "runs/search.h5" -> "runs/search.work" (relative paths: from the current
/// directory, as the checkpoint's).
std::unique_ptr<Evaluator> make_command_evaluator(const Problem& problem,
                                                  const WorkerContext& context) {
  namespace fs = std::filesystem;
  CommandSpec spec;
  spec.command = problem.objective.command;
  for (const auto& p : problem.space.parameters()) spec.parameters.push_back(p.name);
  if (!problem.run.workdir.empty()) {
    spec.workdir = problem.run.workdir;
  } else {
    fs::path checkpoint = problem.run.checkpoint.empty()
                              ? fs::path(fs::path(problem.origin).stem().string() + ".h5")
                              : fs::path(problem.run.checkpoint);
    if (checkpoint.extension() == ".h5") checkpoint.replace_extension();
    spec.workdir = checkpoint.string() + ".work";
  }
  const fs::path problem_dir = fs::path(problem.origin).parent_path();
  spec.problem_dir = problem_dir.empty() ? "." : problem_dir.string();
  const auto keep = keep_workdirs_from_string(problem.run.keep_workdirs);
  if (!keep)
    throw Error::input("run.keep_workdirs: '" + problem.run.keep_workdirs + "' is not a policy");
  spec.keep_workdirs = *keep;
  spec.kill_grace = problem.objective.kill_grace;
  return std::make_unique<CommandEvaluator>(std::move(spec), context);
}

} // namespace

std::unique_ptr<Evaluator> make_evaluator(const Problem& problem, const WorkerContext& context) {
  const ObjectiveSpec& objective = problem.objective;
  const SearchSpace& space = problem.space;
  if (objective.kind == "function") {
    std::vector<std::string> names;
    for (const auto& p : space.parameters()) names.push_back(p.name);
    return std::make_unique<FunctionEvaluator>(objective.function, std::move(names),
                                               objective.sleep_min, objective.sleep_max,
                                               objective.sleep_log);
  }
  if (objective.kind == "command") return make_command_evaluator(problem, context);
  if (objective.kind == "plugin") return std::make_unique<PluginEvaluator>(objective.library);
  if (objective.kind == "torch") {
    const std::int64_t threads = problem.run.threads_per_worker;
    return std::make_unique<TorchEvaluator>(
        TorchEvaluatorSpec{objective.torch, threads > 0 ? static_cast<int>(threads) : 1}, context);
  }
  throw Error::input("objective.kind: '" + objective.kind +
                     "' is not supported (expected: function, command, plugin or torch)");
}

void check_evaluator(const Problem& problem) {
  if (problem.objective.kind == "torch") {
    check_torch_objective(problem.objective.torch);
    return;
  }
  make_evaluator(problem);
}

} // namespace hpsearch
