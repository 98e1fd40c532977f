#pragma once
// run_simulate: `hpsearch simulate PROBLEM --workers N --duration MODEL`. Reads the problem
// (objective.kind function only: a test function or a learning curve), builds the same
// strategy, scheduler, ManagerCore and checkpoint journal `hpsearch run` builds, and runs a
// Simulation (simulation.hpp) until the problem's budget (run.max_evals, run.max_time in
// virtual seconds) is spent. The checkpoint is the one a real run writes, marked simulated
// (root attribute `simulated`); without --checkpoint it goes to a temporary file, removed
// at the end, so that its writes are still charged.
#include "hpsearch/core/error.hpp"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace hpsearch {

/// Half the request/reply round trip of a plain Boost.MPI loop measured here
/// (build/bench/mpi_request_reply 20000 under `mpirun -n 2`: 18,850 round trips/s, 53 us).
inline constexpr double kDefaultLatency = 25e-6;

struct SimulateOptions {
  std::string problem_path;
  int workers = 0;
  std::string duration;                  ///< DurationModel text (sim/duration_model.hpp)
  double latency = kDefaultLatency;      ///< seconds per message, one way
  std::optional<double> manager_cost;    ///< seconds charged per manager batch, not measured
  std::optional<std::string> checkpoint; ///< keep the checkpoint here (must not exist)
  std::optional<std::int64_t> max_evals; ///< overrides run.max_evals
  std::optional<double> max_time;        ///< overrides run.max_time (virtual seconds)
  std::optional<std::uint64_t> seed;     ///< overrides run.seed; durations derive theirs
  double progress_interval = 10.0;       ///< real seconds between progress lines
  bool quiet = false;
};

/// Returns the exit code; errors are printed to `err`. Bad input (an objective that is not
/// simulated, a bad duration model, an existing --checkpoint) is exit 2 before anything runs.
ExitCode run_simulate(const SimulateOptions& options, std::ostream& out, std::ostream& err);

} // namespace hpsearch
