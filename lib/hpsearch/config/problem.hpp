#pragma once
// Problem: a parsed, validated problem file (DESIGN.md §5) as value types.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/space/search_space.hpp"

#include <cstdint>
#include <limits>
#include <string>

namespace hpsearch {

/// `objective:` — what a worker evaluates.
struct ObjectiveSpec {
  std::string kind = "function"; ///< function (more kinds come with their issues)
  std::string function;   ///< kind: function — branin, hartmann6, ackley, rosenbrock, sphere
  double sleep_min = 0.0; ///< seconds each evaluation sleeps, drawn uniformly in
  double sleep_max = 0.0; ///< [sleep_min, sleep_max] to emulate training time
  bool sleep_log = false; ///< draw the sleep log-uniformly (heavy-tailed)
  Direction direction = Direction::minimize;
};

/// `search:` — how configurations are proposed.
struct SearchSpec {
  std::string strategy = "random";
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
