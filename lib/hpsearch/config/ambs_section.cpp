// `search:` keys of strategy ambs: the surrogate, the acquisition function and its kappa
// schedule, the multipoint policy, failure imputation and objective scaling, what the model
// learns from a multi-fidelity scheduler's results (fidelity_model), forest sizes, the
// candidates scored and the local search on the acquisition.
// Refused under another strategy, where they would silently do nothing.
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"

#include <cmath>
#include <string>

namespace hpsearch::detail {

namespace {

double read_bounded(const Field& field, double low, double high, bool low_open,
                    std::string_view expected) {
  const double value = read_number(field, expected);
  const bool below = low_open ? !(value > low) : !(value >= low);
  if (!std::isfinite(value) || below || value > high) {
    field.fail("out of range", expected);
  }
  return value;
}

std::int64_t read_count(const Field& field, std::int64_t low, std::int64_t high,
                        std::string_view expected) {
  const std::int64_t value = read_integer(field, expected);
  if (value < low || value > high) field.fail("out of range", expected);
  return value;
}

} // namespace

std::span<const std::string_view> ambs_keys() {
  static constexpr auto keys = std::to_array<std::string_view>({"surrogate",
                                                                "acquisition",
                                                                "kappa",
                                                                "xi",
                                                                "kappa_decay",
                                                                "kappa_decay_rate",
                                                                "kappa_decay_period",
                                                                "kappa_final",
                                                                "multipoint",
                                                                "failures",
                                                                "objective_scaling",
                                                                "n_trees",
                                                                "max_features",
                                                                "min_samples_split",
                                                                "max_samples",
                                                                "leaf_variance",
                                                                "candidates",
                                                                "local_search_starts",
                                                                "local_search_steps",
                                                                "refit_fraction",
                                                                "fidelity_model"});
  return keys;
}

void read_ambs(const MapReader& map, StrategyKind strategy, AmbsOptions& options) {
  if (strategy != StrategyKind::ambs && strategy != StrategyKind::agebo) {
    for (auto key : ambs_keys()) {
      if (const auto field = map.get(std::string(key))) {
        field->fail_got("applies to strategy ambs only",
                        "strategy " + std::string(strategy_kinds.name_of(strategy)),
                        "search.strategy: ambs next to it, or no such key");
      }
    }
    return;
  }
  SurrogateOptions& forest = options.surrogate_options;
  AcquisitionOptions& acquisition = options.acquisition;
  if (const auto f = map.get("surrogate")) options.surrogate = read_choice(*f, surrogate_kinds);
  if (const auto f = map.get("acquisition")) acquisition.kind = read_choice(*f, acquisition_kinds);
  if (const auto f = map.get("kappa"))
    acquisition.kappa = read_bounded(*f, 0.0, 1e6, false, "a number >= 0");
  if (const auto f = map.get("xi"))
    acquisition.xi = read_bounded(*f, 0.0, 1e6, false, "a number >= 0");
  if (const auto f = map.get("kappa_decay")) acquisition.decay = read_choice(*f, kappa_decays);
  if (const auto f = map.get("kappa_decay_rate")) {
    acquisition.decay_rate = read_bounded(*f, 0.0, 1e3, true, "a number > 0");
  }
  if (const auto f = map.get("kappa_decay_period")) {
    acquisition.decay_period = read_count(*f, 1, 1000000, "an integer >= 1");
  }
  if (const auto f = map.get("kappa_final")) {
    acquisition.kappa_final = read_bounded(*f, 0.0, 1e6, true, "a number > 0");
  }
  if (const auto f = map.get("multipoint")) options.multipoint = read_choice(*f, multipoints);
  if (const auto f = map.get("failures")) options.failures = read_choice(*f, failure_policies);
  if (const auto f = map.get("objective_scaling")) options.scaling = read_choice(*f, scalings);
  if (const auto f = map.get("fidelity_model")) {
    options.fidelity_model = read_choice(*f, fidelity_models);
  }
  if (const auto f = map.get("n_trees")) {
    forest.n_trees = static_cast<int>(read_count(*f, 1, 10000, "an integer in [1, 10000]"));
  }
  if (const auto f = map.get("max_features")) {
    forest.max_features = read_bounded(*f, 0.0, 1.0, true, "a fraction in (0, 1]");
  }
  if (const auto f = map.get("min_samples_split")) {
    forest.min_samples_split = static_cast<int>(read_count(*f, 2, 1000000, "an integer >= 2"));
  }
  if (const auto f = map.get("max_samples")) {
    forest.max_samples = read_count(*f, 0, 100000000, "an integer >= 0 (0: all rows)");
    if (forest.max_samples == 1)
      f->fail("a tree needs at least 2 rows", "0 (all rows) or an integer >= 2");
  }
  if (const auto f = map.get("leaf_variance")) forest.leaf_variance = read_bool(*f);
  if (const auto f = map.get("candidates")) {
    options.candidates = read_count(*f, 1, 10000000, "an integer in [1, 10000000]");
  }
  if (const auto f = map.get("local_search_starts")) {
    options.local_search_starts = read_count(*f, 0, 1000, "an integer in [0, 1000]");
  }
  if (const auto f = map.get("local_search_steps")) {
    options.local_search_steps = read_count(*f, 0, 1000, "an integer in [0, 1000] (0: off)");
  }
  if (const auto f = map.get("refit_fraction")) {
    options.refit_fraction = read_bounded(*f, 0.0, 1.0, true, "a fraction in (0, 1]");
  }
}

} // namespace hpsearch::detail
