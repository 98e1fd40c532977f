#pragma once
// Problem: a parsed, validated problem file (DESIGN.md §5) as value types.
#include "hpsearch/arch/architecture.hpp"
#include "hpsearch/core/direction.hpp"
#include "hpsearch/core/memory_limit.hpp"
#include "hpsearch/core/value.hpp"
#include "hpsearch/eval/evaluator_options.hpp"
#include "hpsearch/eval/trial_state_options.hpp"
#include "hpsearch/search/multifidelity/multifidelity_options.hpp"
#include "hpsearch/search/pruner/pruner_options.hpp"
#include "hpsearch/search/strategy_options.hpp"
#include "hpsearch/space/search_space.hpp"
#include "hpsearch/train/kept_model_options.hpp"
#include "hpsearch/train/torch_options.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hpsearch {

/// `objective:` — what a worker evaluates.
struct ObjectiveSpec {
  EvaluatorKind kind = EvaluatorKind::function;
  std::string function;   ///< kind: function — branin, hartmann6, ackley, rosenbrock, sphere
  double sleep_min = 0.0; ///< seconds each evaluation sleeps, drawn uniformly in
  double sleep_max = 0.0; ///< [sleep_min, sleep_max] to emulate training time
  bool sleep_log = false; ///< draw the sleep log-uniformly (heavy-tailed)
  /// kind: command — the program and its arguments (argv, no shell), each element with
  /// {name} placeholders (eval/command_template.hpp); a string is split at white space.
  std::vector<std::string> command;
  /// kind: command, plugin, torch — seconds between SIGTERM and SIGKILL when a job's process
  /// group (a command's, or the evaluation host's) is killed: timeout, or a command stopped.
  double kill_grace = 10.0;
  /// kind: plugin — the shared library exporting hps_evaluate (eval/hpsearch_plugin.h),
  /// resolved against the problem file's folder when relative.
  std::string library;
  TorchSpec torch; ///< kind: torch
  Direction direction = Direction::minimize;
};

/// `search:` — how configurations are proposed: the strategy and its settings
/// (search/strategy_options.hpp holds their names and defaults), and early stopping.
struct SearchSpec {
  StrategyOptions strategy;
  /// Early stopping of running jobs from their progress reports: none | median (the median
  /// stopping rule: stop a job whose best value so far is worse than the median of the
  /// other jobs' at the same step).
  PrunerOptions pruner;
  /// Set when `search.strategy` names a multi-fidelity scheduler (asha, hyperband, ...):
  /// its settings; `strategy` is then its sampler (`search.sampler`, default random).
  std::optional<MultiFidelityOptions> multifidelity;
};

/// `run:` — when to stop, where to write, which seed.
struct RunSpec {
  std::int64_t max_evals = 100;
  double max_time = std::numeric_limits<double>::infinity(); ///< seconds
  std::uint64_t seed = 42;
  std::string checkpoint; ///< path; empty means "<problem stem>.h5" in the working directory
  /// GPUs per node to bind workers to (worker i of a node gets GPU i % gpus); -1 detects
  /// them (CUDA_VISIBLE_DEVICES, else `nvidia-smi -L`), 0 binds none.
  std::int64_t gpus_per_node = -1;
  std::int64_t threads_per_worker = 0; ///< OMP_NUM_THREADS / MKL_NUM_THREADS; 0: unset
  /// Threads the manager fits surrogates with.
  std::int64_t manager_threads = SurrogateOptions{}.threads;
  /// Seconds one evaluation may run, whatever its kind (then status timeout: a command's
  /// group, or the plugin/torch evaluation host, gets SIGTERM, SIGKILL objective.kill_grace
  /// later); 0: none.
  double eval_timeout = 0.0;
  /// `eval_memory: 8G` — memory one evaluation may use (core/child_process.hpp: a cgroup v2
  /// memory.max per job where the worker can create one, else RLIMIT_DATA); unset: none.
  /// Past it the evaluation is failed with "out of memory (limit 8 GiB)".
  MemoryLimit eval_memory;
  /// kind: command — where the jobs' directories go; empty means next to the checkpoint,
  /// "<checkpoint without .h5>.work".
  std::string workdir;
  std::string keep_workdirs = "failed"; ///< failed | all | none: job directories kept
  /// Where trials' saved training states go (eval/trial_state.hpp), one directory per
  /// trial; empty means next to the checkpoint, "<checkpoint without .h5>.trials".
  std::string trial_dir;
  /// Which states survive once their trial can no longer be continued.
  KeepTrialStates keep_trial_states = KeepTrialStates::none;
  /// `keep_models: K` — the weights of the K best evaluations kept (torch objectives).
  KeptModelOptions kept_models;
  /// When this allocation ends, as written (epoch seconds or ISO 8601, read by
  /// sched/time_text.hpp at `hpsearch run`); empty: ask the batch system (sched/deadline.hpp).
  std::string deadline;
  double walltime_margin = 300.0; ///< stop this many seconds before the deadline
  /// Seconds a graceful stop (signal, deadline) waits for running evaluations to finish;
  /// 0: abandon them at once (recorded in flight, re-run on resume).
  double drain = 0.0;
  /// Seconds without a heartbeat after which another manager's checkpoint lock is taken
  /// over (store/lock_staleness.hpp); the holder refreshes it every min(5 s, lease / 8).
  double lock_lease = 120.0;
  /// A job in flight when its allocation ended abnormally (the manager recorded no stop)
  /// counts a strike; at this many strikes resume records it failed instead of re-queueing
  /// it (runtime/strikes.hpp).
  std::int64_t max_requeues = 2;
};

struct Problem {
  std::string origin; ///< the file it came from (or "<string>")
  std::string text;   ///< the file's text, stored in the checkpoint
  /// Its genes (arch.* parameters, arch/genes.hpp) are part of `space`.
  std::optional<arch::Architecture> architecture;
  SearchSpace space;
  ObjectiveSpec objective;
  SearchSpec search;
  RunSpec run;
  /// `metrics:` — user metrics declared as checkpoint columns m:<name> (float64), in order;
  /// the others a job reports go to the JSON column `metadata` (store/schema.hpp). A problem
  /// with an architecture also declares arch_params and arch_flops (arch/architecture_metrics).
  std::vector<std::string> metrics;
};

/// Reads and validates a problem file. Throws hpsearch::Error (exit code 2) whose message
/// names the file, line and column, the key path and what was expected.
Problem load_problem(const std::string& path);
/// The same for text already in memory; `origin` names it in messages.
Problem parse_problem(const std::string& text, const std::string& origin);

} // namespace hpsearch
