// `objective:` — what a worker evaluates. Keys common to every kind (kind, direction) are
// read here; each kind has one function for its own keys, chosen by parse_kind().
#include "hpsearch/config/catalog.hpp"
#include "hpsearch/config/duration.hpp"
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"
#include "hpsearch/core/suggest.hpp"
#include "hpsearch/eval/command_options.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>

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

/// `command: [python3, train.py, --lr, "{lr}"]`: the program and its arguments, passed
/// as they are, without a shell. A string is split at white space, still without a shell:
/// quotes, `;` or `$` are ordinary characters. In each element, {name} must name a
/// parameter of the space or a fact of the job (below), or be the whole element {params};
/// {{ and }} are literal braces. eval/command_template.hpp checks the same when the
/// evaluator is built; this check points at the file.
constexpr std::string_view all_parameters = "params";
constexpr const auto& job_placeholders = command_job_placeholders;
constexpr std::string_view command_expected = "a list such as [python3, train.py, --lr, \"{lr}\"]";

bool is_job_placeholder(std::string_view name) {
  return std::find(job_placeholders.begin(), job_placeholders.end(), name) !=
         job_placeholders.end();
}

void check_placeholders(const Field& field, const std::string& element, const SearchSpace& space) {
  std::vector<std::string_view> names;
  for (const Parameter& p : space.parameters()) names.push_back(p.name);
  std::vector<std::string_view> known(job_placeholders.begin(), job_placeholders.end());
  known.insert(known.begin(), all_parameters);
  std::string known_text;
  for (const auto& name : known) known_text += "{" + std::string(name) + "}, ";
  known_text += "or a parameter of the space (" + join(names) + ")";
  known.insert(known.end(), names.begin(), names.end());
  for (std::size_t at = 0; at < element.size(); ++at) {
    const char c = element[at];
    if ((c == '{' || c == '}') && at + 1 < element.size() && element[at + 1] == c) {
      ++at; // {{ or }}: a literal brace
      continue;
    }
    if (c != '{' && c != '}') continue;
    const std::size_t close = element.find('}', at);
    if (c == '}' || close == std::string::npos) {
      field.fail_got("unbalanced brace in '" + element + "' at character " + std::to_string(at + 1),
                     field.describe(),
                     "{name} placeholders, each closed by '}' ({{ and }} for "
                     "literal braces)");
    }
    const std::string name = element.substr(at + 1, close - at - 1);
    const bool parameter = space.find(name) != nullptr;
    if (name == all_parameters && element != "{params}") {
      field.fail_got("{params} must be a whole element: it expands to several arguments",
                     "'" + element + "'", "{params} alone, e.g. [python3, train.py, \"{params}\"]");
    }
    if (parameter && is_job_placeholder(name)) {
      field.fail_got("placeholder {" + name +
                         "} is ambiguous: it names a parameter and a fact "
                         "of the job",
                     "'{" + name + "}'", "a parameter not called " + join(job_placeholders));
    }
    if (name != all_parameters && !parameter && !is_job_placeholder(name)) {
      std::string what = "unknown placeholder {" + name + "}";
      if (auto match = closest_match(name, known)) what += "; did you mean '" + *match + "'?";
      field.fail_got(what, "'{" + name + "}'", known_text);
    }
    at = close;
  }
}

/// A string command split at spaces and tabs (no shell, no quoting).
std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::size_t at = 0;
  while ((at = text.find_first_not_of(" \t", at)) != std::string::npos) {
    const std::size_t end = text.find_first_of(" \t", at);
    words.push_back(text.substr(at, end - at));
    at = end;
  }
  return words;
}

double read_kill_grace(const Field& field) {
  constexpr std::string_view expected = "seconds >= 0, as a number or a duration such as 30s";
  const ScalarType type = scalar_type(field.node());
  double seconds = -1.0;
  if (type == ScalarType::integer || type == ScalarType::real) {
    seconds = read_number(field, expected);
  } else if (type == ScalarType::string) {
    seconds = try_parse_duration(field.node().Scalar()).value_or(-1.0);
  }
  if (!std::isfinite(seconds) || seconds < 0.0) field.fail("invalid kill_grace", expected);
  return seconds;
}

void parse_command(const MapReader& map, const ParsedSpace& space, ObjectiveSpec& spec) {
  constexpr std::array<std::string_view, 4> keys = {"kind", "direction", "command", "kill_grace"};
  map.allow_only(keys, "a command objective");
  const Field field = map.require("command", command_expected);
  if (field.node().IsSequence()) {
    for (std::size_t i = 0; i < field.node().size(); ++i) {
      const Field element = field.child(field.node()[i], "[" + std::to_string(i) + "]");
      spec.command.push_back(read_string(element, "a program name or an argument"));
      check_placeholders(element, spec.command.back(), space.space);
    }
  } else {
    spec.command = split_words(read_string(field, command_expected));
    for (const std::string& word : spec.command) check_placeholders(field, word, space.space);
  }
  if (spec.command.empty() || spec.command.front().empty()) {
    field.fail("the command is empty", command_expected);
  }
}

/// `library: plugins/libmy_objective.so`: a shared library exporting hps_evaluate
/// (eval/hpsearch_plugin.h). A relative path is taken from the problem file's folder, so
/// the file can be run from anywhere, and made absolute: dlopen looks a name without a
/// slash (`libx.so`, the problem given as `p.yaml`) up in the system's library paths, not
/// here. It is opened (and its symbol checked) when the evaluator is built, before the
/// search starts.
void parse_plugin(const MapReader& map, const ParsedSpace& /*space*/, ObjectiveSpec& spec) {
  constexpr std::array<std::string_view, 4> keys = {"kind", "direction", "library", "kill_grace"};
  constexpr std::string_view expected = "a shared library path such as plugins/libbranin.so";
  map.allow_only(keys, "a plugin objective");
  const Field field = map.require("library", expected);
  const std::string library = read_string(field, expected);
  if (library.find_first_not_of(" \t") == std::string::npos) {
    field.fail("the library path is empty", expected);
  }
  std::filesystem::path path(library);
  if (path.is_relative()) {
    path = std::filesystem::path(std::string(field.origin())).parent_path() / path;
    std::error_code ec;
    path = std::filesystem::absolute(path, ec);
    if (ec) field.fail("cannot make the library path absolute (" + ec.message() + ")", expected);
  }
  spec.library = path.lexically_normal().string();
}

/// The keys of one evaluator kind (eval/evaluator_options.hpp names the kinds).
void parse_kind(const MapReader& map, const ParsedSpace& space, ObjectiveSpec& spec) {
  switch (spec.kind) {
  case EvaluatorKind::function:
    return parse_function(map, space, spec);
  case EvaluatorKind::command:
    return parse_command(map, space, spec);
  case EvaluatorKind::plugin:
    return parse_plugin(map, space, spec);
  case EvaluatorKind::torch:
    return parse_torch(map, space, spec);
  }
}

/// Every key any kind accepts: checked when `kind` is absent, so a misspelt `kind` gets a
/// suggestion instead of "required key is missing".
constexpr std::array<std::string_view, 12> any_kind_keys = {
    "kind",    "direction", "name",  "sleep",  "command", "kill_grace",
    "library", "data",      "model", "metric", "final",   "fixed"};

} // namespace

ObjectiveSpec parse_objective(const Field& field, const ParsedSpace& space) {
  const MapReader map(field, "a map such as {kind: function, name: branin}");
  if (!map.get("kind")) map.allow_only(any_kind_keys, "the objective");
  ObjectiveSpec spec;
  spec.kind =
      read_choice(map.require("kind", "one of " + join(evaluator_kinds.names())), evaluator_kinds);
  if (const auto direction = map.get("direction")) {
    spec.direction = read_choice(*direction, directions);
  }
  parse_kind(map, space, spec);
  // Every kind whose evaluations run in a child process (a command's group, the evaluation
  // host of plugin and torch); each kind's key list admits it.
  if (const auto grace = map.get("kill_grace")) spec.kill_grace = read_kill_grace(*grace);
  return spec;
}

} // namespace hpsearch::detail
