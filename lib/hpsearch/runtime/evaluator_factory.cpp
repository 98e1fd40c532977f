#include "hpsearch/runtime/evaluator_factory.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/command_evaluator.hpp"
#include "hpsearch/eval/function_evaluator.hpp"
#include "hpsearch/eval/plugin_evaluator.hpp"
#include "hpsearch/runtime/torch_evaluator.hpp"

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
  switch (objective.kind) {
  case EvaluatorKind::function: {
    std::vector<std::string> names;
    for (const auto& p : problem.space.parameters()) names.push_back(p.name);
    return std::make_unique<FunctionEvaluator>(objective.function, std::move(names),
                                               objective.sleep_min, objective.sleep_max,
                                               objective.sleep_log);
  }
  case EvaluatorKind::command:
    return make_command_evaluator(problem, context);
  case EvaluatorKind::plugin:
    return std::make_unique<PluginEvaluator>(objective.library);
  case EvaluatorKind::torch:
    return std::make_unique<TorchEvaluator>(problem, context);
  }
  throw Error::internal("objective.kind: no evaluator for kind " +
                        std::to_string(static_cast<int>(objective.kind)));
}

void check_evaluator(const Problem& problem) {
  if (problem.objective.kind == EvaluatorKind::torch) {
    check_torch_objective(problem);
    return;
  }
  make_evaluator(problem);
}

} // namespace hpsearch
