#pragma once
// One parser per top-level section of a problem file. Each takes the section's Field and
// returns its validated value type or throws a located hpsearch::Error. Internal to the
// config module; problem.cpp calls them in order.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/config/yaml_field.hpp"

#include <span>
#include <string>
#include <vector>

namespace hpsearch::detail {

/// The space plus, per parameter (same order), the Field of its definition, so later
/// sections can point at a parameter.
struct ParsedSpace {
  SearchSpace space;
  std::vector<Field> fields;
};

/// What an `active_if` may refer to: parameters defined before `child` (in `earlier`);
/// `all_names` lists every parameter of the space, to tell "defined later" from "unknown".
struct ConditionScope {
  const std::string& child;
  const SearchSpace& earlier;
  std::span<const std::string> all_names;
};

/// "a real parameter", "an int parameter", "an ordinal parameter", ...
std::string kind_phrase(ParamKind kind);

ParsedSpace parse_space(const Field& field);
/// A scalar that is a valid value of `parameter` (coerced to its type, e.g. 2 -> 2.0 for a
/// real); else fails naming the parameter's range or choices, with a did-you-mean.
Value read_value_of(const Field& field, const Parameter& parameter);
/// `active_if:` of parameter `scope.child`. Checks parents, operators and values against
/// `scope` so that each message points at the offending key or value.
Condition parse_condition(const Field& field, const ConditionScope& scope);
/// `forbidden:`: adds each clause to `parsed.space`, then rejects clauses that leave no
/// configuration.
void parse_forbidden(const Field& field, ParsedSpace& parsed);
ObjectiveSpec parse_objective(const Field& field, const ParsedSpace& space);
/// The keys of `objective.kind: torch` (torch_section.cpp): data, model, metric, final and
/// fixed, with the space checked against the trainer's hyperparameters.
void parse_torch(const MapReader& map, const ParsedSpace& space, ObjectiveSpec& spec);
/// `search:`; a multi-fidelity scheduler is refused for an `objective` that reports no steps.
SearchSpec parse_search(const Field& field, const ParsedSpace& space,
                        const ObjectiveSpec& objective);
/// The search keys that belong to strategy ambs, and their reader (ambs_section.cpp).
std::span<const std::string_view> ambs_keys();
void read_ambs(const MapReader& map, StrategyKind strategy, AmbsOptions& options);
/// `search.tpe` and the strategy tpe's checks on the other search keys (tpe_section.cpp).
void read_tpe(const MapReader& search, StrategyKind strategy, TpeOptions& options);
/// `search.evolution` and the checks of strategies evolution and agebo on the other search keys
/// and the space (evolution_section.cpp); after read_multifidelity.
void read_evolution(const MapReader& search, const ParsedSpace& space, const SearchSpec& spec,
                    EvolutionOptions& options);
/// The search keys of the multi-fidelity schedulers, and their reader
/// (multifidelity_section.cpp): sets spec.multifidelity when `strategy` names a scheduler
/// (then spec.strategy.kind is its sampler's), and refuses keys that do not apply.
std::span<const std::string_view> multifidelity_keys();
void read_multifidelity(const MapReader& map, const std::string& strategy, SearchSpec& spec);
RunSpec parse_run(const Field& field);

} // namespace hpsearch::detail
