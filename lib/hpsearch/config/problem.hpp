#pragma once
// Problem: a parsed, validated problem file (DESIGN.md §5) as value types.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/core/value.hpp"
#include "hpsearch/space/search_space.hpp"
#include "hpsearch/train/torch_options.hpp"

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace hpsearch {

/// `objective:` — what a worker evaluates.
struct ObjectiveSpec {
  std::string kind = "function"; ///< function | command | plugin | torch
  std::string function;   ///< kind: function — branin, hartmann6, ackley, rosenbrock, sphere
  double sleep_min = 0.0; ///< seconds each evaluation sleeps, drawn uniformly in
  double sleep_max = 0.0; ///< [sleep_min, sleep_max] to emulate training time
  bool sleep_log = false; ///< draw the sleep log-uniformly (heavy-tailed)
  /// kind: command — the program and its arguments (argv, no shell), each element with
  /// {name} placeholders (eval/command_template.hpp); a string is split at white space.
  std::vector<std::string> command;
  double kill_grace = 10.0; ///< kind: command — seconds between SIGTERM and SIGKILL
  /// kind: plugin — the shared library exporting hps_evaluate (eval/hpsearch_plugin.h),
  /// resolved against the problem file's folder when relative.
  std::string library;
  TorchSpec torch; ///< kind: torch
  Direction direction = Direction::minimize;
};

/// `search:` keys of strategy ambs (asynchronous model-based search); names as in
/// DeepHyper's CBO where it has the same knob. Checked here, interpreted by search/ambs.
struct AmbsSpec {
  std::string surrogate = "et";            ///< et | rf | gp
  std::string acquisition = "ucb";         ///< ucb | ei | pi
  double kappa = 1.96;                     ///< ucb
  double xi = 0.001;                       ///< ei, pi
  std::string kappa_decay = "exponential"; ///< none | exponential | periodic
  double kappa_decay_rate = 0.02;          ///< exponential
  std::int64_t kappa_decay_period = 25;    ///< periodic
  double kappa_final = 0.01;               ///< exponential (floor), periodic (end of a period)
  std::string multipoint = "cl_max";       ///< cl_max | cl_mean | cl_min | qucb
  std::string failures = "worst";          ///< worst | mean | ignore
  std::string objective_scaling = "log";   ///< none | minmax | log
  std::int64_t n_trees = 50;               ///< forests
  double max_features = 1.0;               ///< forests: fraction of features tried per split
  std::int64_t min_samples_split = 2;      ///< forests
  std::int64_t max_samples = 2000;         ///< forests: rows per tree at most (0: all)
  bool leaf_variance = false;              ///< forests
  std::int64_t candidates = 1000;          ///< random candidates scored per proposal
  double refit_fraction = 0.1;             ///< share of the forest rebuilt per asynchronous update
};

/// `search:` — how configurations are proposed.
struct SearchSpec {
  std::string strategy = "random";       ///< random | grid
  std::string initial_design = "random"; ///< random | lhs | sobol: the first points' sampler
  std::int64_t initial_points = 0;       ///< how many points the design gives; 0 means 2*d+1
  std::int64_t grid_points = 5;          ///< grid: points per real parameter (>= 2)
  /// grid: per-parameter overrides of grid_points (`grid_points: {lr: 7, default: 5}`),
  /// real parameters only.
  std::map<std::string, std::int64_t> grid_points_per_parameter;
  AmbsSpec ambs; ///< strategy ambs only
  /// Early stopping of running jobs from their progress reports: none | median (the median
  /// stopping rule: stop a job whose best value so far is worse than the median of the
  /// other jobs' at the same step).
  std::string pruner = "none";
  double pruner_warmup = 0.0;       ///< median: no job is stopped at a step below this
  std::int64_t pruner_min_jobs = 5; ///< median: other jobs that must have reached a step
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
  std::int64_t manager_threads = 1;    ///< threads the manager fits surrogates with
  double eval_timeout = 0.0; ///< seconds one evaluation may run (then status timeout); 0: none
  /// kind: command — where the jobs' directories go; empty means next to the checkpoint,
  /// "<checkpoint without .h5>.work".
  std::string workdir;
  std::string keep_workdirs = "failed"; ///< failed | all | none: job directories kept
  /// When this allocation ends, as written (epoch seconds or ISO 8601, read by
  /// sched/time_text.hpp at `hpsearch run`); empty: ask the batch system (sched/deadline.hpp).
  std::string deadline;
  double walltime_margin = 300.0; ///< stop this many seconds before the deadline
  /// Seconds a graceful stop (signal, deadline) waits for running evaluations to finish;
  /// 0: abandon them at once (recorded in flight, re-run on resume).
  double drain = 0.0;
};

struct Problem {
  std::string origin; ///< the file it came from (or "<string>")
  std::string text;   ///< the file's text, stored in the checkpoint
  SearchSpace space;
  ObjectiveSpec objective;
  SearchSpec search;
  RunSpec run;
};

/// Reads and validates a problem file. Throws hpsearch::Error (exit code 2) whose message
/// names the file, line and column, the key path and what was expected.
Problem load_problem(const std::string& path);
/// The same for text already in memory; `origin` names it in messages.
Problem parse_problem(const std::string& text, const std::string& origin);

} // namespace hpsearch
