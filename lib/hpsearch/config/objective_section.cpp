// `objective:` — what a worker evaluates. Keys common to every kind (kind, direction) are
// read here; each kind has one function for its own keys, registered in `kinds`.
#include "hpsearch/config/catalog.hpp"
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/suggest.hpp"
#include "hpsearch/config/yaml_scalar.hpp"

#include <array>
#include <cmath>

namespace hpsearch::detail {

namespace {

constexpr std::string_view sleep_expected =
    "seconds >= 0, a list [min, max], or a map {low: , high: , log: true}";

double read_seconds(const Field& field) {
  const double seconds = read_number(field, sleep_expected);
  if (!std::isfinite(seconds) || seconds < 0.0) {
    field.fail("sleep must be a finite number of seconds >= 0", "a number >= 0");
  }
  return seconds;
}

/// `sleep: {low: 0.002, high: 1.5, log: true}`: log-uniform (heavy-tailed, like real
/// training times) or uniform between low and high.
void read_sleep_map(const Field& field, ObjectiveSpec& spec) {
  const MapReader map(field, sleep_expected);
  constexpr std::array<std::string_view, 3> keys = {"low", "high", "log"};
  map.allow_only(keys, "a sleep range");
  const Field low = map.require("low", "seconds >= 0");
  const Field high = map.require("high", "seconds >= low");
  spec.sleep_min = read_seconds(low);
  spec.sleep_max = read_seconds(high);
  if (spec.sleep_max < spec.sleep_min) {
    high.fail("high must not be less than low", "a number >= " + low.node().Scalar());
  }
  if (const auto log = map.get("log")) spec.sleep_log = read_bool(*log);
  if (spec.sleep_log && spec.sleep_min <= 0.0) {
    low.fail("a log-uniform sleep needs low > 0", "a number > 0");
  }
}

void read_sleep(const Field& field, ObjectiveSpec& spec) {
  if (field.node().IsMap()) {
    read_sleep_map(field, spec);
    return;
  }
  if (!field.node().IsSequence()) {
    spec.sleep_min = spec.sleep_max = read_seconds(field);
    return;
  }
  if (field.node().size() != 2) field.fail("wrong length", "a list of two numbers [min, max]");
  const Field min_field = field.child(field.node()[0], "[0]");
  const Field max_field = field.child(field.node()[1], "[1]");
  spec.sleep_min = read_seconds(min_field);
  spec.sleep_max = read_seconds(max_field);
  if (spec.sleep_max < spec.sleep_min) {
    max_field.fail("max must not be less than min", "a number >= " + min_field.node().Scalar());
  }
}

/// A test function needs every coordinate as a number in every evaluation: no categorical,
/// ordinal or constant parameters, and no conditional ones.
void check_function_space(const FunctionInfo& function, const Field& name_field,
                          const ParsedSpace& parsed) {
  const auto& parameters = parsed.space.parameters();
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const Parameter& p = parameters[i];
    if (p.kind != ParamKind::real && p.kind != ParamKind::integer) {
      parsed.fields[i].fail_got("a function objective takes numeric parameters only; '" + p.name +
                                    "' is not one",
                                kind_phrase(p.kind), "type real or int");
    }
    if (p.active_if) {
      const Field& definition = parsed.fields[i];
      definition.child(definition.node()["active_if"], "active_if")
          .fail_got("a function objective needs every parameter in every evaluation; '" + p.name +
                        "' is conditional",
                    "active_if " + p.active_if->describe(),
                    "no active_if with objective.kind: function");
    }
  }
  if (!function.accepts(parameters.size())) {
    name_field.fail_got(std::string(function.name) + " takes " + function.dimension_text(),
                        std::to_string(parameters.size()) + " in space", function.dimension_text());
  }
}

void parse_function(const MapReader& map, const ParsedSpace& space, ObjectiveSpec& spec) {
  constexpr std::array<std::string_view, 4> keys = {"kind", "direction", "name", "sleep"};
  map.allow_only(keys, "a function objective");
  const std::vector<std::string_view> names = known_function_names();
  const Field name_field = map.require("name", "one of " + join(names));
  spec.function = read_choice(name_field, names, "function");
  if (const auto sleep = map.get("sleep")) read_sleep(*sleep, spec);
  check_function_space(*find_function(spec.function), name_field, space);
}

/// `command: "python train.py --lr {lr} --solver {solver}"`: each {name} must name a
/// parameter of the space, or be {params} (every active parameter). (Checked here; the
/// command evaluator comes with its own issue, so this build validates such problems but
/// cannot run them.)
constexpr std::string_view all_parameters = "params";

void check_placeholders(const Field& field, const std::string& command, const SearchSpace& space) {
  std::vector<std::string_view> names;
  for (const Parameter& p : space.parameters()) names.push_back(p.name);
  std::size_t at = 0;
  while ((at = command.find_first_of("{}", at)) != std::string::npos) {
    const std::size_t close = command.find('}', at);
    if (command[at] == '}' || close == std::string::npos) {
      field.fail_got("unbalanced brace in the command at character " + std::to_string(at + 1),
                     field.describe(), "{name} placeholders, each closed by '}'");
    }
    const std::string name = command.substr(at + 1, close - at - 1);
    if (name != all_parameters && space.find(name) == nullptr) {
      std::string what = "placeholder {" + name + "} names no parameter";
      if (auto match = closest_match(name, names)) what += "; did you mean '" + *match + "'?";
      field.fail_got(what, "'{" + name + "}'",
                     "{params} or a parameter of the space (" + join(names) + ")");
    }
    at = close + 1;
  }
}

void parse_command(const MapReader& map, const ParsedSpace& space, ObjectiveSpec& spec) {
  constexpr std::array<std::string_view, 3> keys = {"kind", "direction", "command"};
  map.allow_only(keys, "a command objective");
  const Field field = map.require("command", "a command line such as 'python train.py --lr {lr}'");
  spec.command = read_string(field, "a command line such as 'python train.py --lr {lr}'");
  if (spec.command.find_first_not_of(" \t") == std::string::npos) {
    field.fail("the command is empty", "a command line such as 'python train.py --lr {lr}'");
  }
  check_placeholders(field, spec.command, space.space);
}

struct KindEntry {
  std::string_view name;
  void (*parse)(const MapReader& map, const ParsedSpace& space, ObjectiveSpec& spec);
};

constexpr std::array<KindEntry, 2> kinds = {
    {{"function", &parse_function}, {"command", &parse_command}}};

/// Every key any kind accepts: checked when `kind` is absent, so a misspelt `kind` gets a
/// suggestion instead of "required key is missing".
constexpr std::array<std::string_view, 5> any_kind_keys = {"kind", "direction", "name", "sleep",
                                                           "command"};

} // namespace

ObjectiveSpec parse_objective(const Field& field, const ParsedSpace& space) {
  const MapReader map(field, "a map such as {kind: function, name: branin}");
  if (!map.get("kind")) map.allow_only(any_kind_keys, "the objective");
  ObjectiveSpec spec;
  spec.kind = read_choice(map.require("kind", "one of " + join(known_objective_kinds())),
                          known_objective_kinds(), "objective kind");
  if (const auto direction = map.get("direction")) {
    const std::string name = read_choice(*direction, known_directions(), "direction");
    spec.direction = *direction_from_string(name);
  }
  for (const KindEntry& kind : kinds) {
    if (kind.name == spec.kind) kind.parse(map, space, spec);
  }
  return spec;
}

} // namespace hpsearch::detail
