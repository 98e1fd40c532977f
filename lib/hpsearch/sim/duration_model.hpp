#pragma once
// DurationModel: how long a simulated evaluation lasts (`hpsearch simulate --duration`).
//
//   const:T            every draw is T seconds
//   uniform:A,B        uniform in [A, B] seconds (the same law as objective.sleep: [A, B])
//   lognormal:MEAN,S   log-normal with mean MEAN seconds and log-space standard deviation S
//                      (mu = ln(MEAN) - S^2 / 2), the heavy tail of real training times
//   trace:FILE         resampled from measured durations (duration_trace.hpp: a CSV file or
//                      an earlier checkpoint), per step of a learning-curve job
//   objective          the problem's objective.sleep, drawn exactly as a real run's workers
//                      draw it (the same per-job seeds): a real run and its simulation then
//                      have the same durations job by job (JobModel draws these)
//
// A draw is a function of its seed alone, so a job's duration does not depend on the order
// in which the simulation reaches it.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hpsearch {

struct DurationModel {
  enum class Kind { constant, uniform, lognormal, trace, objective };
  Kind kind = Kind::constant;
  double a = 0.0;                                   ///< const: T; uniform: A; lognormal: MEAN
  double b = 0.0;                                   ///< uniform: B; lognormal: S
  std::string file;                                 ///< trace: the file read
  std::shared_ptr<const std::vector<double>> trace; ///< trace: its samples (seconds)

  /// One duration in seconds (>= 0), deterministic in `seed` (0 for kind objective).
  double draw(std::uint64_t seed) const;
  /// The text it was parsed from, normalized ("uniform:0.05,0.2").
  std::string describe() const;
};

/// Parses `--duration` (and reads a trace's file). Throws hpsearch::Error (bad_input) naming
/// the text and the forms expected, or the trace file and what is wrong in it.
DurationModel parse_duration_model(const std::string& text);

} // namespace hpsearch
