// `run:` — when to stop, which seed, where to write.
#include "hpsearch/config/duration.hpp"
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"

#include <array>
#include <cmath>

namespace hpsearch::detail {

namespace {

double read_max_time(const Field& field) {
  const ScalarType type = scalar_type(field.node());
  double seconds = 0.0;
  if (type == ScalarType::integer || type == ScalarType::real) {
    seconds = read_number(field);
  } else if (type == ScalarType::string) {
    const auto parsed = try_parse_duration(field.node().Scalar());
    if (!parsed) field.fail("invalid duration", duration_forms);
    seconds = *parsed;
  } else {
    field.fail("wrong type", duration_forms);
  }
  if (!std::isfinite(seconds) || seconds <= 0.0) {
    field.fail("max_time must be positive and finite", "a duration > 0");
  }
  return seconds;
}

} // namespace

RunSpec parse_run(const Field& field) {
  constexpr std::array<std::string_view, 4> keys = {"max_evals", "max_time", "seed", "checkpoint"};
  const MapReader map(field, "a map such as {max_evals: 100, seed: 42}");
  map.allow_only(keys, "the run section");
  RunSpec spec;
  if (const auto max_evals = map.get("max_evals")) {
    spec.max_evals = read_integer(*max_evals, "a positive integer");
    if (spec.max_evals <= 0) max_evals->fail("max_evals must be positive", "an integer >= 1");
  }
  if (const auto max_time = map.get("max_time")) spec.max_time = read_max_time(*max_time);
  if (const auto seed = map.get("seed")) {
    const std::int64_t value = read_integer(*seed, "a non-negative integer");
    if (value < 0) seed->fail("seed must not be negative", "an integer >= 0");
    spec.seed = static_cast<std::uint64_t>(value);
  }
  if (const auto checkpoint = map.get("checkpoint")) {
    spec.checkpoint = read_string(*checkpoint, "a file path");
    if (spec.checkpoint.empty()) checkpoint->fail("checkpoint must not be empty", "a file path");
  }
  return spec;
}

} // namespace hpsearch::detail
