#pragma once
// DurationModel: how long a simulated evaluation lasts (`hpsearch simulate --duration`).
//
//   const:T            every draw is T seconds
//   uniform:A,B        uniform in [A, B] seconds (the same law as objective.sleep: [A, B])
//   lognormal:MEAN,S   log-normal with mean MEAN seconds and log-space standard deviation S
//                      (mu = ln(MEAN) - S^2 / 2), the heavy tail of real training times
//   objective          the problem's objective.sleep, drawn exactly as a real run's workers
//                      draw it (the same per-job seeds): a real run and its simulation then
//                      have the same durations job by job (JobModel draws these)
//
// A draw is a function of its seed alone, so a job's duration does not depend on the order
// in which the simulation reaches it.
#include <cstdint>
#include <string>

namespace hpsearch {

struct DurationModel {
  enum class Kind { constant, uniform, lognormal, objective };
  Kind kind = Kind::constant;
  double a = 0.0; ///< const: T; uniform: A; lognormal: MEAN
  double b = 0.0; ///< uniform: B; lognormal: S

  /// One duration in seconds (>= 0), deterministic in `seed` (0 for kind objective).
  double draw(std::uint64_t seed) const;
  /// The text it was parsed from, normalized ("uniform:0.05,0.2").
  std::string describe() const;
};

/// Parses `--duration`. Throws hpsearch::Error (bad_input) naming the text and the forms
/// expected.
DurationModel parse_duration_model(const std::string& text);

} // namespace hpsearch
