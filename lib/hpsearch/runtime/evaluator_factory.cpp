#include "hpsearch/runtime/evaluator_factory.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/command_evaluator.hpp"
#include "hpsearch/eval/function_evaluator.hpp"
#include "hpsearch/eval/host_evaluator.hpp"
#include "hpsearch/eval/plugin_evaluator.hpp"
#include "hpsearch/eval/torch_evaluator.hpp"

#include <filesystem>

namespace hpsearch {

namespace {

/// kind: command. Jobs' directories go under `workdir` (RunPaths::workdir).
std::unique_ptr<Evaluator> make_command_evaluator(const Problem& problem,
                                                  const WorkerContext& context,
                                                  const std::string& workdir) {
  namespace fs = std::filesystem;
  CommandSpec spec;
  spec.command = problem.objective.command;
  for (const auto& p : problem.space.parameters()) spec.parameters.push_back(p.name);
  spec.workdir = workdir;
  const fs::path problem_dir = fs::path(problem.origin).parent_path();
  spec.problem_dir = problem_dir.empty() ? "." : problem_dir.string();
  const auto keep = keep_workdirs_from_string(problem.run.keep_workdirs);
  if (!keep)
    throw Error::input("run.keep_workdirs: '" + problem.run.keep_workdirs + "' is not a policy");
  spec.keep_workdirs = *keep;
  spec.kill_grace = problem.objective.kill_grace;
  spec.memory_limit = problem.run.eval_memory;
  return std::make_unique<CommandEvaluator>(std::move(spec), context);
}

/// kind: plugin or torch, in an evaluation host child process.
std::unique_ptr<Evaluator> make_host_evaluator(const Problem& problem, const WorkerContext& context,
                                               const std::string& workdir) {
  HostSpec spec;
  spec.executable = find_eval_host();
  spec.init = HostInit{problem.text,       problem.origin, workdir,
                       context.rank,       context.host,   context.local_rank,
                       context.local_size, context.device, context.trial_root};
  spec.env = context.child_env;
  spec.kill_grace = problem.objective.kill_grace;
  spec.memory_limit = problem.run.eval_memory;
  if (problem.objective.kind == EvaluatorKind::plugin) {
    spec.what = "plugin '" + problem.objective.library + "'";
  } else {
    spec.what = "LibTorch trainer";
    spec.timeout_slack = kTorchTimeoutSlack;
  }
  return std::make_unique<HostEvaluator>(std::move(spec), context.torn_down);
}

/// run.eval_memory is enforced on child processes only: a command's job, or the evaluation
/// host of plugin and torch; a function evaluates inside the worker, which it cannot reach.
void check_memory_limit(const Problem& problem) {
  const EvaluatorKind kind = problem.objective.kind;
  if (!problem.run.eval_memory.is_set() || kind != EvaluatorKind::function) return;
  throw Error::input("run.eval_memory: applies to objective kinds command, plugin and torch "
                     "(each evaluates in a child process); kind " +
                     std::string(evaluator_kinds.name_of(kind)) +
                     " evaluates inside the worker process, which the limit would not reach: "
                     "remove run.eval_memory");
}

} // namespace

std::unique_ptr<Evaluator> make_in_process_evaluator(const Problem& problem,
                                                     const WorkerContext& context) {
  const ObjectiveSpec& objective = problem.objective;
  switch (objective.kind) {
  case EvaluatorKind::plugin:
    return std::make_unique<PluginEvaluator>(objective.library, context.trial_root);
  case EvaluatorKind::torch: {
    const std::int64_t threads = problem.run.threads_per_worker;
    return std::make_unique<TorchEvaluator>(
        TorchEvaluatorSpec{objective.torch, threads > 0 ? static_cast<int>(threads) : 1}, context);
  }
  case EvaluatorKind::function:
  case EvaluatorKind::command:
    break;
  }
  throw Error::internal("objective.kind: only plugin and torch run in an evaluation host");
}

std::unique_ptr<Evaluator> make_evaluator(const Problem& problem, const WorkerContext& context,
                                          const std::string& workdir) {
  const ObjectiveSpec& objective = problem.objective;
  switch (objective.kind) {
  case EvaluatorKind::function: {
    std::vector<std::string> names;
    for (const auto& p : problem.space.parameters()) names.push_back(p.name);
    return std::make_unique<FunctionEvaluator>(objective.function, std::move(names),
                                               objective.sleep_min, objective.sleep_max,
                                               objective.sleep_log, context.trial_root);
  }
  case EvaluatorKind::command:
    return make_command_evaluator(problem, context, workdir);
  case EvaluatorKind::plugin:
  case EvaluatorKind::torch:
    return make_host_evaluator(problem, context, workdir);
  }
  throw Error::internal("objective.kind: no evaluator for kind " +
                        std::to_string(static_cast<int>(objective.kind)));
}

void check_evaluator(const Problem& problem, const std::string& workdir) {
  check_memory_limit(problem);
  if (problem.objective.kind == EvaluatorKind::torch) {
    check_torch_objective(problem.objective.torch);
    return;
  }
  if (problem.objective.kind == EvaluatorKind::plugin) {
    make_in_process_evaluator(problem); // loads the library and checks its symbols
    find_eval_host();
    return;
  }
  make_evaluator(problem, {}, workdir);
}

} // namespace hpsearch
