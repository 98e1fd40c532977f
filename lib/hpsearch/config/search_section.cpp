// `search:` — how configurations are proposed: the strategy, the initial design (how the
// first points are sampled) and, for grid search, how many points each real parameter gets
// (and each integer parameter with more values than that; space/grid.hpp).
#include "hpsearch/config/catalog.hpp"
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"
#include "hpsearch/core/suggest.hpp"
#include "hpsearch/space/sampling/sampler.hpp"
#include "hpsearch/train/hyperparameter_catalog.hpp"

#include <array>
#include <cmath>

namespace hpsearch::detail {

namespace {

constexpr std::string_view grid_points_expected =
    "an integer >= 2, or a map such as {lr: 7, default: 5}";
/// Upper bounds that keep a typo (an extra 000) from allocating gigabytes: the grid holds
/// its values per parameter, an LHS design its whole batch.
constexpr std::int64_t max_grid_points = 100000;
constexpr std::int64_t max_initial_points = 1000000;

std::int64_t read_grid_count(const Field& field) {
  const std::int64_t n = read_integer(field, grid_points_expected);
  if (n < 2) field.fail("a grid needs at least 2 points per parameter", "an integer >= 2");
  if (n > max_grid_points) {
    field.fail("too many grid points per parameter", "at most " + std::to_string(max_grid_points));
  }
  return n;
}

void read_initial_design(const Field& field, const ParsedSpace& parsed, InitialDesign& initial) {
  initial.sampler = read_choice(field, sampler_kinds);
  const std::size_t d = parsed.space.dimension();
  if (initial.sampler == SamplerKind::sobol && d > SobolSampler::max_dimension()) {
    field.fail_got("the Sobol sequence supports at most " +
                       std::to_string(SobolSampler::max_dimension()) + " parameters",
                   "sobol for " + std::to_string(d) + " parameters", "random or lhs");
  }
}

bool is_gridded(const Parameter& p) {
  return p.kind == ParamKind::real || p.kind == ParamKind::integer;
}

/// `grid_points: {lr: 7, default: 5}`: a count per real (or int) parameter, `default` for
/// the rest. Categorical, ordinal and constant parameters always contribute every value.
void read_grid_map(const Field& field, const ParsedSpace& parsed, GridOptions& grid) {
  const MapReader map(field, grid_points_expected);
  std::vector<std::string_view> allowed;
  for (const Parameter& p : parsed.space.parameters()) {
    if (is_gridded(p)) allowed.push_back(p.name);
  }
  allowed.push_back("default");
  for (const MapReader::Entry& entry : map.entries()) {
    if (entry.key == "default") {
      grid.points = read_grid_count(entry.value);
      continue;
    }
    const Parameter* parameter = parsed.space.find(entry.key);
    if (parameter == nullptr) {
      std::string what = "unknown parameter '" + entry.key + "'";
      if (auto match = closest_match(entry.key, allowed))
        what += "; did you mean '" + *match + "'?";
      entry.key_field.fail_got(what, "'" + entry.key + "'",
                               "a real or int parameter of the space, or 'default' (" +
                                   join(allowed) + ")");
    }
    if (!is_gridded(*parameter)) {
      entry.key_field.fail_got("grid_points applies to real and int parameters only (the grid "
                               "takes every value of the others)",
                               kind_phrase(parameter->kind),
                               "a real or int parameter, or 'default' (" + join(allowed) + ")");
    }
    grid.points_per_parameter[entry.key] = read_grid_count(entry.value);
  }
}

/// `pruner: median` with its `pruner_warmup` (a step >= 0) and `pruner_min_jobs` (>= 1);
/// those two are refused without a pruner, where they would silently do nothing.
void read_pruner(const MapReader& map, SearchSpec& spec) {
  if (const auto pruner = map.get("pruner")) spec.pruner.kind = read_choice(*pruner, pruner_kinds);
  const auto warmup = map.get("pruner_warmup");
  const auto min_jobs = map.get("pruner_min_jobs");
  for (const auto& key : {warmup, min_jobs}) {
    if (key && spec.pruner.kind == PrunerKind::none) {
      key->fail_got("has no effect without a pruner", key->describe(),
                    "search.pruner: median next to it, or no such key");
    }
  }
  if (warmup) {
    spec.pruner.warmup = read_number(*warmup, "a step >= 0");
    if (!std::isfinite(spec.pruner.warmup) || spec.pruner.warmup < 0.0) {
      warmup->fail("pruner_warmup must be a finite step >= 0", "a number >= 0");
    }
  }
  if (min_jobs) {
    spec.pruner.min_jobs = read_integer(*min_jobs, "an integer >= 1");
    if (spec.pruner.min_jobs < 1) {
      min_jobs->fail("pruner_min_jobs must be at least 1", "an integer >= 1");
    }
  }
}

/// Every name `search.strategy` accepts: the full-fidelity strategies, then the
/// multi-fidelity schedulers (which take a full-fidelity one as `search.sampler`).
std::vector<std::string_view> strategy_names() {
  std::vector<std::string_view> names(strategy_kinds.names().begin(), strategy_kinds.names().end());
  names.insert(names.end(), scheduler_kinds.names().begin(), scheduler_kinds.names().end());
  return names;
}

/// A multi-fidelity scheduler trains trials to fidelities and judges their reports: an
/// evaluator that ignores the fidelity and reports no steps (a built-in test function)
/// would run every job to the same end and waste the budget on repeats.
void check_fidelity_support(const Field& strategy, const ObjectiveSpec& objective) {
  if (objective.kind != EvaluatorKind::function) return;
  if (const FunctionInfo* info = find_function(objective.function); info && info->steps) return;
  strategy.fail_got(
      "a multi-fidelity scheduler needs an evaluator that trains to a fidelity "
      "and reports its steps; objective kind function (" +
          objective.function + ") does neither",
      strategy.describe(),
      "a learning-curve function (curve_sphere, curve_branin, curve_hartmann6, pbt_toy), "
      "objective.kind command, plugin or torch, or a full-fidelity strategy (" +
          join(strategy_kinds.names()) + ")");
}

/// strategy pb2 searches reals and integers only (search/pbt/pb2_explore.hpp).
void refuse_pb2_choices(const Field& strategy, const ParsedSpace& space) {
  for (const Parameter& p : space.space.parameters()) {
    if (p.kind != ParamKind::categorical && p.kind != ParamKind::ordinal) continue;
    strategy.fail_got("pb2 handles reals and integers; use pbt",
                      "parameter '" + p.name + "' (" + p.describe() + ")",
                      "strategy pbt, or a space of real and int parameters only");
  }
}

/// pbt and pb2 on the built-in trainer change a member's hyperparameters between the jobs of
/// its training: only those a saved state can continue with (torch_changes_between_jobs);
/// a copy with another network shape or optimiser would fail at its first exploit.
void refuse_fixed_torch_parameters(const Field& strategy, const ParsedSpace& space,
                                   const ObjectiveSpec& objective) {
  if (objective.kind != EvaluatorKind::torch) return;
  for (const Parameter& p : space.space.parameters()) {
    if (torch_changes_between_jobs(p.name)) continue;
    strategy.fail_got(
        "pbt and pb2 on the built-in trainer change a member's hyperparameters between its "
        "jobs, and '" +
            p.name + "' shapes the network or the optimiser's state",
        "parameter '" + p.name + "' in the space",
        "a space of " + join(torch_names_changing_between_jobs()) + " only ('" + p.name +
            "' in objective.fixed)");
  }
}

} // namespace

SearchSpec parse_search(const Field& field, const ParsedSpace& space,
                        const ObjectiveSpec& objective) {
  std::vector<std::string_view> keys = {
      "strategy", "initial_design", "initial_points",  "grid_points",
      "pruner",   "pruner_warmup",  "pruner_min_jobs", "tpe",
      "evolution"};
  keys.insert(keys.end(), ambs_keys().begin(), ambs_keys().end());
  keys.insert(keys.end(), multifidelity_keys().begin(), multifidelity_keys().end());
  const MapReader map(field, "a map such as {strategy: random}");
  map.allow_only(keys, "the search section");
  SearchSpec spec;
  StrategyOptions& strategy = spec.strategy;
  std::string name(strategy_kinds.name_of(strategy.kind));
  const auto kind = map.get("strategy");
  if (kind) name = read_choice(*kind, strategy_names(), strategy_kinds.what());
  if (const StrategyKind* full = strategy_kinds.find(name)) strategy.kind = *full;
  read_multifidelity(map, name, spec);
  if (spec.multifidelity) check_fidelity_support(*kind, objective);
  if (spec.multifidelity && spec.multifidelity->kind == SchedulerKind::pb2) {
    refuse_pb2_choices(*kind, space);
  }
  if (spec.multifidelity && (spec.multifidelity->kind == SchedulerKind::pbt ||
                             spec.multifidelity->kind == SchedulerKind::pb2)) {
    refuse_fixed_torch_parameters(*kind, space, objective);
  }
  if (const auto design = map.get("initial_design")) {
    read_initial_design(*design, space, strategy.initial);
  }
  if (const auto points = map.get("initial_points")) {
    strategy.initial.points = read_integer(*points, "an integer >= 0 (0: 2*d+1)");
    if (strategy.initial.points < 0) {
      points->fail("initial_points must not be negative", "an integer >= 0 (0: 2*d+1)");
    }
    if (strategy.initial.points > max_initial_points) {
      points->fail("too many initial points", "at most " + std::to_string(max_initial_points));
    }
  }
  if (const auto grid = map.get("grid_points")) {
    if (grid->node().IsMap()) {
      read_grid_map(*grid, space, strategy.grid);
    } else {
      strategy.grid.points = read_grid_count(*grid);
    }
  }
  read_pruner(map, spec);
  read_ambs(map, strategy.kind, strategy.ambs);
  read_tpe(map, strategy.kind, strategy.tpe);
  read_evolution(map, space, spec, strategy.evolution);
  return spec;
}

} // namespace hpsearch::detail
