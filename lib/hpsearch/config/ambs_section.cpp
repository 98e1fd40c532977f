// `search:` keys of strategy ambs: the surrogate, the acquisition function and its kappa
// schedule, the multipoint policy, failure imputation and objective scaling, forest sizes.
// Refused under another strategy, where they would silently do nothing.
#include "hpsearch/config/catalog.hpp"
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
  static constexpr auto keys = std::to_array<std::string_view>(
      {"surrogate", "acquisition", "kappa", "xi", "kappa_decay", "kappa_decay_rate",
       "kappa_decay_period", "kappa_final", "multipoint", "failures", "objective_scaling",
       "n_trees", "max_features", "min_samples_split", "max_samples", "leaf_variance", "candidates",
       "refit_fraction"});
  return keys;
}

void read_ambs(const MapReader& map, const std::string& strategy, AmbsSpec& spec) {
  if (strategy != "ambs") {
    for (auto key : ambs_keys()) {
      if (const auto field = map.get(std::string(key))) {
        field->fail_got("applies to strategy ambs only", "strategy " + strategy,
                        "search.strategy: ambs next to it, or no such key");
      }
    }
    return;
  }
  if (const auto f = map.get("surrogate"))
    spec.surrogate = read_choice(*f, known_surrogates(), "surrogate");
  if (const auto f = map.get("acquisition")) {
    spec.acquisition = read_choice(*f, known_acquisitions(), "acquisition function");
  }
  if (const auto f = map.get("kappa"))
    spec.kappa = read_bounded(*f, 0.0, 1e6, false, "a number >= 0");
  if (const auto f = map.get("xi")) spec.xi = read_bounded(*f, 0.0, 1e6, false, "a number >= 0");
  if (const auto f = map.get("kappa_decay")) {
    spec.kappa_decay = read_choice(*f, known_kappa_decays(), "kappa decay schedule");
  }
  if (const auto f = map.get("kappa_decay_rate")) {
    spec.kappa_decay_rate = read_bounded(*f, 0.0, 1e3, true, "a number > 0");
  }
  if (const auto f = map.get("kappa_decay_period")) {
    spec.kappa_decay_period = read_count(*f, 1, 1000000, "an integer >= 1");
  }
  if (const auto f = map.get("kappa_final")) {
    spec.kappa_final = read_bounded(*f, 0.0, 1e6, true, "a number > 0");
  }
  if (const auto f = map.get("multipoint")) {
    spec.multipoint = read_choice(*f, known_multipoints(), "multipoint policy");
  }
  if (const auto f = map.get("failures")) {
    spec.failures = read_choice(*f, known_failure_policies(), "failure policy");
  }
  if (const auto f = map.get("objective_scaling")) {
    spec.objective_scaling = read_choice(*f, known_scalings(), "objective scaling");
  }
  if (const auto f = map.get("n_trees"))
    spec.n_trees = read_count(*f, 1, 10000, "an integer in [1, 10000]");
  if (const auto f = map.get("max_features")) {
    spec.max_features = read_bounded(*f, 0.0, 1.0, true, "a fraction in (0, 1]");
  }
  if (const auto f = map.get("min_samples_split")) {
    spec.min_samples_split = read_count(*f, 2, 1000000, "an integer >= 2");
  }
  if (const auto f = map.get("max_samples")) {
    spec.max_samples = read_count(*f, 0, 100000000, "an integer >= 0 (0: all rows)");
    if (spec.max_samples == 1)
      f->fail("a tree needs at least 2 rows", "0 (all rows) or an integer >= 2");
  }
  if (const auto f = map.get("leaf_variance")) spec.leaf_variance = read_bool(*f);
  if (const auto f = map.get("candidates")) {
    spec.candidates = read_count(*f, 1, 10000000, "an integer in [1, 10000000]");
  }
  if (const auto f = map.get("refit_fraction")) {
    spec.refit_fraction = read_bounded(*f, 0.0, 1.0, true, "a fraction in (0, 1]");
  }
}

} // namespace hpsearch::detail
