#pragma once
// Problem: a parsed, validated problem file (DESIGN.md §5) as value types.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/space/search_space.hpp"

#include <cstdint>
#include <limits>
#include <map>
#include <string>

namespace hpsearch {

/// `objective:` — what a worker evaluates.
struct ObjectiveSpec {
  std::string kind = "function"; ///< function | command (more kinds come with their issues)
  std::string function;   ///< kind: function — branin, hartmann6, ackley, rosenbrock, sphere
  double sleep_min = 0.0; ///< seconds each evaluation sleeps, drawn uniformly in
  double sleep_max = 0.0; ///< [sleep_min, sleep_max] to emulate training time
  bool sleep_log = false; ///< draw the sleep log-uniformly (heavy-tailed)
  /// kind: command — the command line, with {name} placeholders naming parameters. Parsed
  /// and validated only: no evaluator runs it yet (see objective_kind_has_evaluator()).
  std::string command;
  Direction direction = Direction::minimize;
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
};

/// `run:` — when to stop, where to write, which seed.
struct RunSpec {
  std::int64_t max_evals = 100;
  double max_time = std::numeric_limits<double>::infinity(); ///< seconds
  std::uint64_t seed = 42;
  std::string checkpoint; ///< path; empty means "<problem stem>.h5" in the working directory
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
