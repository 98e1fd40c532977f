// `search:` keys of the multi-fidelity schedulers (search.strategy: successive_halving,
// hyperband, asha, async_hyperband, one_epoch, pbt, pb2): the sampler that proposes new trials, the
// fidelities and reduction factor, and each scheduler's own keys. Refused under a
// full-fidelity strategy, and each key under a scheduler it does not apply to, where they
// would silently do nothing.
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"
#include "hpsearch/core/config_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/multifidelity/multifidelity_options.hpp"

#include <cmath>
#include <string>

namespace hpsearch::detail {

namespace {

constexpr std::int64_t max_top_k = 1000000;

struct KeyScope {
  std::string_view key;
  bool (*applies)(SchedulerKind);
  std::string_view schedulers; ///< for the message
};

bool any(SchedulerKind) {
  return true;
}
bool has_brackets(SchedulerKind kind) {
  return kind == SchedulerKind::hyperband || kind == SchedulerKind::async_hyperband;
}
bool has_variant(SchedulerKind kind) {
  return kind == SchedulerKind::asha || kind == SchedulerKind::async_hyperband;
}
bool has_top_k(SchedulerKind kind) {
  return kind == SchedulerKind::one_epoch;
}
bool is_pbt(SchedulerKind kind) {
  return kind == SchedulerKind::pbt;
}
bool is_population(SchedulerKind kind) {
  return kind == SchedulerKind::pbt || kind == SchedulerKind::pb2;
}
bool is_replay(SchedulerKind kind) {
  return kind == SchedulerKind::replay;
}
bool has_rungs(SchedulerKind kind) {
  return !is_population(kind) && !is_replay(kind);
}
bool trains_to_max(SchedulerKind kind) {
  return !is_replay(kind);
}

constexpr std::string_view rung_schedulers =
    "successive_halving, hyperband, asha, async_hyperband or one_epoch";

constexpr std::array<KeyScope, 16> scopes = {{
    {"sampler", any, "a multi-fidelity scheduler"},
    {"min_fidelity", has_rungs, rung_schedulers},
    {"max_fidelity", trains_to_max, "a multi-fidelity scheduler but replay"},
    {"reduction_factor", has_rungs, rung_schedulers},
    {"brackets", has_brackets, "hyperband or async_hyperband"},
    {"variant", has_variant, "asha or async_hyperband"},
    {"top_k", has_top_k, "one_epoch"},
    {"population", is_population, "pbt or pb2"},
    {"ready", is_population, "pbt or pb2"},
    {"exploit", is_population, "pbt or pb2"},
    {"quantile", is_population, "pbt or pb2"},
    {"resample_probability", is_pbt, "pbt"},
    {"synchronous", is_population, "pbt or pb2"},
    {"explore", is_pbt, "pbt"},
    {"replay_from", is_replay, "replay"},
    {"replay_trial", is_replay, "replay"},
}};

/// Fails at the first key that does not apply to `kind` (nullopt: a full-fidelity strategy).
void refuse_foreign_keys(const MapReader& map, std::optional<SchedulerKind> kind,
                         std::string_view strategy) {
  for (const KeyScope& scope : scopes) {
    const auto field = map.get(scope.key);
    if (!field || (kind && scope.applies(*kind))) continue;
    field->fail_got("applies to " + std::string(scope.schedulers) + " only",
                    "strategy " + std::string(strategy),
                    "search.strategy: " + std::string(scope.schedulers) + ", or no such key");
  }
}

double read_positive(const Field& field, std::string_view expected) {
  const double value = read_number(field, expected);
  if (!std::isfinite(value) || !(value > 0.0)) field.fail("out of range", expected);
  return value;
}

void read_fidelities(const MapReader& map, MultiFidelityOptions& options) {
  if (const auto f = map.get("min_fidelity")) {
    options.min_fidelity = read_positive(*f, "a number > 0 (in the evaluator's step units)");
  }
  if (const auto f = map.get("max_fidelity")) {
    options.max_fidelity = read_positive(*f, "a number >= min_fidelity");
  }
  if (!(options.max_fidelity >= options.min_fidelity)) {
    const auto f = map.get("max_fidelity");
    (f ? *f : map.field())
        .fail_got("max_fidelity is below min_fidelity",
                  "max_fidelity " + real_token(options.max_fidelity) + ", min_fidelity " +
                      real_token(options.min_fidelity),
                  "max_fidelity >= min_fidelity");
  }
  if (const auto f = map.get("reduction_factor")) {
    options.reduction_factor = read_number(*f, "a number > 1");
    if (!std::isfinite(options.reduction_factor) || !(options.reduction_factor > 1.0)) {
      f->fail("out of range", "a number > 1");
    }
  }
}

/// The number of rungs the fidelities make; a located error when there are too many.
std::size_t rung_count(const MapReader& map, const MultiFidelityOptions& options) {
  try {
    return rung_fidelities(options).size();
  } catch (const Error&) {
    // The fidelities are valid by now: only the rung count can be wrong.
    const auto f = map.get("reduction_factor");
    (f ? *f : map.field())
        .fail_got("more than " + std::to_string(max_rungs) + " rungs",
                  "reduction_factor " + real_token(options.reduction_factor) + " from " +
                      real_token(options.min_fidelity) + " to " + real_token(options.max_fidelity),
                  "a larger reduction_factor or a narrower fidelity range");
  }
}

constexpr std::int64_t max_population = 100000;

/// The keys of `strategy: pbt` and `pb2` (search/pbt/pbt_options.hpp; pb2 has no
/// resample_probability or explore: its explore is the GP bandit's). It has no rungs: its
/// min_fidelity (the fidelity range samplers see) is the first ready point.
void read_pbt(const MapReader& map, MultiFidelityOptions& options) {
  PbtOptions& pbt = options.pbt;
  if (const auto f = map.get("max_fidelity")) {
    options.max_fidelity = read_positive(*f, "a number > 0 (in the evaluator's step units)");
  }
  if (const auto f = map.get("population")) {
    const std::string expected = "an integer from 2 to " + std::to_string(max_population);
    pbt.population = read_integer(*f, expected);
    if (pbt.population < 2 || pbt.population > max_population) f->fail("out of range", expected);
  }
  if (const auto f = map.get("ready")) {
    pbt.ready = read_positive(*f, "a number > 0 (fidelity units between ready points)");
  }
  if (const auto f = map.get("exploit")) pbt.exploit = read_choice(*f, pbt_exploits);
  if (const auto f = map.get("quantile")) {
    pbt.quantile = read_number(*f, "a number in (0, 0.5]");
    if (!(pbt.quantile > 0.0 && pbt.quantile <= 0.5))
      f->fail("out of range", "a number in (0, 0.5]");
  }
  if (const auto f = map.get("resample_probability")) {
    pbt.resample_probability = read_number(*f, "a number in [0, 1]");
    if (!(pbt.resample_probability >= 0.0 && pbt.resample_probability <= 1.0)) {
      f->fail("out of range", "a number in [0, 1]");
    }
  }
  if (const auto f = map.get("synchronous")) pbt.synchronous = read_bool(*f);
  if (const auto f = map.get("explore")) pbt.explore = read_bool(*f);
  options.min_fidelity = std::min(pbt.ready, options.max_fidelity);
}

/// The keys of `strategy: replay` (search/pbt/replay_options.hpp). The file itself is read
/// before any rank starts (runtime/replay_source.hpp).
void read_replay(const MapReader& map, MultiFidelityOptions& options) {
  const Field from = map.require("replay_from", "the checkpoint (.h5) of a pbt or pb2 search");
  options.replay.from = read_string(from, "the checkpoint (.h5) of a pbt or pb2 search");
  if (options.replay.from.empty()) {
    from.fail("empty path", "the checkpoint (.h5) of a pbt or pb2 search");
  }
  if (const auto f = map.get("replay_trial")) {
    const std::string expected = "best, or a trial id (an integer >= 0)";
    if (f->node().IsScalar() && f->node().Scalar() == "best") {
      options.replay.trial = -1;
    } else {
      options.replay.trial = read_integer(*f, expected);
      if (options.replay.trial < 0) f->fail("out of range", expected);
    }
  }
}

} // namespace

std::span<const std::string_view> multifidelity_keys() {
  static constexpr auto keys = [] {
    std::array<std::string_view, scopes.size()> out{};
    for (std::size_t i = 0; i < scopes.size(); ++i) out[i] = scopes[i].key;
    return out;
  }();
  return keys;
}

void read_multifidelity(const MapReader& map, const std::string& strategy, SearchSpec& spec) {
  const SchedulerKind* kind = scheduler_kinds.find(strategy);
  if (kind == nullptr) {
    refuse_foreign_keys(map, std::nullopt, strategy);
    spec.multifidelity.reset();
    return;
  }
  refuse_foreign_keys(map, *kind, strategy);
  if (const auto pruner = map.get("pruner")) {
    pruner->fail_got("a multi-fidelity scheduler decides itself which jobs stop",
                     "strategy " + strategy, "no pruner next to it");
  }
  MultiFidelityOptions options;
  options.kind = *kind;
  spec.strategy.kind = StrategyKind::random;
  if (const auto f = map.get("sampler")) spec.strategy.kind = read_choice(*f, strategy_kinds);
  if (*kind == SchedulerKind::replay) {
    read_replay(map, options);
    spec.multifidelity = options;
    return;
  }
  if (is_population(*kind)) {
    read_pbt(map, options);
    spec.multifidelity = options;
    return;
  }
  read_fidelities(map, options);
  const std::size_t rungs = rung_count(map, options);
  if (const auto f = map.get("brackets")) {
    const std::string expected =
        "an integer from 0 (one per rung) to " + std::to_string(rungs) + " (the number of rungs)";
    options.brackets = read_integer(*f, expected);
    if (options.brackets < 0 || static_cast<std::size_t>(options.brackets) > rungs) {
      f->fail("out of range", expected);
    }
  }
  if (const auto f = map.get("variant")) options.variant = read_choice(*f, asha_variants);
  if (const auto f = map.get("top_k")) {
    options.top_k = read_integer(*f, "an integer >= 0 (0: trials / reduction_factor)");
    if (options.top_k < 0 || options.top_k > max_top_k) {
      f->fail("out of range", "an integer from 0 to " + std::to_string(max_top_k));
    }
  }
  spec.multifidelity = options;
}

} // namespace hpsearch::detail
