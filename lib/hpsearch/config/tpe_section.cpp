// `search.tpe:` — the keys of strategy tpe (search/tpe/tpe_options.hpp), as a map:
//   search: {strategy: tpe, tpe: {startup_trials: 10, candidates: 24, gamma: 0.1,
//                                  gamma_max: 25, prior_weight: 1.0, constant_liar: true}}
// Refused under another strategy (or sampler), where it would silently do nothing, and so
// are initial_design / initial_points under tpe (its start-up trials are its own design).
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"

#include <array>
#include <cmath>
#include <string>

namespace hpsearch::detail {

namespace {

constexpr auto tpe_option_keys = std::to_array<std::string_view>(
    {"startup_trials", "candidates", "gamma", "gamma_max", "prior_weight", "constant_liar"});

/// Upper bounds that keep a typo (an extra 000) from a proposal that takes minutes.
constexpr std::int64_t max_candidates = 1000000;
constexpr std::int64_t max_count = 1000000000;

std::int64_t read_count(const Field& field, std::int64_t low, std::int64_t high,
                        const std::string& expected) {
  const std::int64_t value = read_integer(field, expected);
  if (value < low || value > high) field.fail("out of range", expected);
  return value;
}

} // namespace

void read_tpe(const MapReader& search, StrategyKind strategy, TpeOptions& options) {
  const auto section = search.get("tpe");
  if (strategy != StrategyKind::tpe) {
    if (section) {
      section->fail_got("applies to strategy tpe only",
                        "strategy " + std::string(strategy_kinds.name_of(strategy)),
                        "search.strategy: tpe (or sampler: tpe) next to it, or no such key");
    }
    return;
  }
  for (const std::string_view key : {"initial_design", "initial_points"}) {
    if (const auto field = search.get(key)) {
      field->fail_got("does not apply to strategy tpe, whose first proposals are its "
                      "start-up trials drawn from the prior",
                      field->describe(), "search.tpe.startup_trials, or no such key");
    }
  }
  if (!section) return;
  const MapReader map(*section, "a map such as {startup_trials: 10, candidates: 24}");
  map.allow_only(tpe_option_keys, "search.tpe");
  if (const auto f = map.get("startup_trials")) {
    options.startup_trials = read_count(*f, 0, max_count, "an integer >= 0");
  }
  if (const auto f = map.get("candidates")) {
    options.candidates = read_count(*f, 1, max_candidates,
                                    "an integer in [1, " + std::to_string(max_candidates) + "]");
  }
  if (const auto f = map.get("gamma")) {
    options.gamma = read_number(*f, "a fraction in (0, 1]");
    if (!(options.gamma > 0.0 && options.gamma <= 1.0)) {
      f->fail("out of range", "a fraction in (0, 1]");
    }
  }
  if (const auto f = map.get("gamma_max")) {
    options.gamma_max = read_count(*f, 1, max_count, "an integer >= 1");
  }
  if (const auto f = map.get("prior_weight")) {
    options.prior_weight = read_number(*f, "a number > 0");
    if (!std::isfinite(options.prior_weight) || !(options.prior_weight > 0.0)) {
      f->fail("out of range", "a finite number > 0");
    }
  }
  if (const auto f = map.get("constant_liar")) options.constant_liar = read_bool(*f);
}

} // namespace hpsearch::detail
