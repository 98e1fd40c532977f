// `space:` — parameter name -> {type: ..., kind-specific keys, default:, active_if:}. Each
// parameter type is one small function below, registered in `types`; a new kind adds a
// function and a row. Conditions are read by condition_section.cpp.
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/suggest.hpp"

#include <array>
#include <cctype>
#include <cmath>

namespace hpsearch::detail {

namespace {

constexpr std::string_view parameter_example = "a map such as {type: real, low: 0, high: 1}";

/// Checks shared by real and int bounds; `low_field` / `high_field` locate the messages.
void check_bounds(double low, double high, bool log, const Field& low_field,
                  const Field& high_field) {
  if (!std::isfinite(low)) low_field.fail("the bound must be finite", "a finite number");
  if (!std::isfinite(high)) high_field.fail("the bound must be finite", "a finite number");
  if (!(low < high)) {
    high_field.fail("high must be greater than low", "a number > " + low_field.node().Scalar());
  }
  if (log && low <= 0.0) low_field.fail("log scale needs a positive low bound", "a number > 0");
}

/// Runs a space-module factory; its Error (a check this file did not make first) is
/// rethrown located at the parameter.
template <class Make> Parameter checked(const MapReader& map, Make make) {
  try {
    return make();
  } catch (const Error& e) {
    map.field().fail(e.what());
  }
}

bool read_log(const MapReader& map) {
  const auto field = map.get("log");
  return field ? read_bool(*field) : false;
}

// Keys every type accepts besides its own: `default` (not for constant) and `active_if`.
constexpr std::array<std::string_view, 6> bounded_keys = {"type", "low",     "high",
                                                          "log",  "default", "active_if"};

Parameter parse_real(const std::string& name, const MapReader& map) {
  map.allow_only(bounded_keys, "a real parameter");
  const Field low_field = map.require("low", "a number, the lower bound");
  const Field high_field = map.require("high", "a number, the upper bound");
  const double low = read_number(low_field);
  const double high = read_number(high_field);
  const bool log = read_log(map);
  check_bounds(low, high, log, low_field, high_field);
  return checked(map, [&] { return Parameter::real(name, low, high, log); });
}

Parameter parse_int(const std::string& name, const MapReader& map) {
  map.allow_only(bounded_keys, "an int parameter");
  const Field low_field = map.require("low", "an integer, the lower bound");
  const Field high_field = map.require("high", "an integer, the upper bound");
  const std::int64_t low = read_integer(low_field);
  const std::int64_t high = read_integer(high_field);
  const bool log = read_log(map);
  check_bounds(static_cast<double>(low), static_cast<double>(high), log, low_field, high_field);
  return checked(map, [&] { return Parameter::integer(name, low, high, log); });
}

/// Two choices are the same when equal as values, or numerically equal numbers (1 and 1.0).
bool same_choice(const Value& a, const Value& b) {
  const bool a_number =
      std::holds_alternative<std::int64_t>(a) || std::holds_alternative<double>(a);
  const bool b_number =
      std::holds_alternative<std::int64_t>(b) || std::holds_alternative<double>(b);
  if (a_number && b_number) return as_double(a) == as_double(b);
  return a == b;
}

/// The non-empty list of distinct scalars under `key` (categorical choices, ordinal values).
std::vector<Value> read_value_list(const MapReader& map, std::string_view key,
                                   std::string_view example) {
  const Field list = map.require(key, "a list of strings, numbers or booleans");
  if (!list.node().IsSequence()) list.fail("wrong type", "a list such as " + std::string(example));
  if (list.node().size() == 0) {
    list.fail_got(std::string(key) + " must not be empty", "[]", "at least one value");
  }
  std::vector<Value> values;
  for (std::size_t i = 0; i < list.node().size(); ++i) {
    const Field item = list.child(list.node()[i], "[" + std::to_string(i) + "]");
    Value value = read_value(item);
    for (std::size_t j = 0; j < values.size(); ++j) {
      if (same_choice(values[j], value)) {
        item.fail("duplicate " + std::string(key == "choices" ? "choice" : "value") + ", same as " +
                      std::string(key) + "[" + std::to_string(j) + "]",
                  key == "choices" ? "each choice once" : "each value once");
      }
    }
    values.push_back(std::move(value));
  }
  return values;
}

Parameter parse_categorical(const std::string& name, const MapReader& map) {
  constexpr std::array<std::string_view, 4> keys = {"type", "choices", "default", "active_if"};
  map.allow_only(keys, "a categorical parameter");
  std::vector<Value> choices = read_value_list(map, "choices", "[relu, tanh]");
  return checked(map, [&] { return Parameter::categorical(name, std::move(choices)); });
}

Parameter parse_ordinal(const std::string& name, const MapReader& map) {
  constexpr std::array<std::string_view, 4> keys = {"type", "values", "default", "active_if"};
  map.allow_only(keys, "an ordinal parameter");
  std::vector<Value> values = read_value_list(map, "values", "[small, medium, large]");
  return checked(map, [&] { return Parameter::ordinal(name, std::move(values)); });
}

Parameter parse_constant(const std::string& name, const MapReader& map) {
  constexpr std::array<std::string_view, 3> keys = {"type", "value", "active_if"};
  map.allow_only(keys, "a constant parameter");
  Value value = read_value(map.require("value", "a string, number or boolean"));
  return checked(map, [&] { return Parameter::constant(name, std::move(value)); });
}

struct TypeEntry {
  std::string_view name;
  Parameter (*parse)(const std::string& name, const MapReader& map);
};

constexpr std::array<TypeEntry, 7> types = {{
    {"real", &parse_real},
    {"float", &parse_real},
    {"int", &parse_int},
    {"integer", &parse_int},
    {"categorical", &parse_categorical},
    {"ordinal", &parse_ordinal},
    {"constant", &parse_constant},
}};

/// Every key any type accepts: checked when `type` is absent, so a misspelt `type` gets a
/// suggestion instead of "required key is missing".
constexpr std::array<std::string_view, 9> any_type_keys = {
    "type", "low", "high", "log", "choices", "values", "value", "default", "active_if"};

constexpr std::array<std::string_view, types.size()> type_names = {
    types[0].name, types[1].name, types[2].name, types[3].name,
    types[4].name, types[5].name, types[6].name};

void check_name(const Field& key_field, const std::string& name) {
  const auto ok = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
  };
  bool valid = std::isalpha(static_cast<unsigned char>(name.front())) != 0 || name.front() == '_';
  for (char c : name) valid = valid && ok(c);
  if (!valid) {
    key_field.fail_got("invalid parameter name", "'" + name + "'",
                       "a name of letters, digits, '_', '-' or '.', starting with a letter or '_'");
  }
}

/// `default:` checked against the parameter first here (to name the value and the range),
/// then by the space module.
Parameter with_default(const Parameter& parameter, const Field& field) {
  const Value value = read_value(field);
  if (!parameter.coerce(value)) {
    const bool bounded = parameter.kind == ParamKind::real || parameter.kind == ParamKind::integer;
    field.fail(bounded ? "the default is not a value in the parameter's range"
                       : "the default is not one of the parameter's values",
               parameter.describe());
  }
  try {
    return parameter.with_default(value);
  } catch (const Error& e) {
    field.fail(e.what());
  }
}

Parameter parse_parameter(const MapReader::Entry& entry, const ConditionScope& scope) {
  check_name(entry.key_field, entry.key);
  const MapReader map(entry.value, parameter_example);
  if (!map.get("type")) map.allow_only(any_type_keys, "a parameter");
  const std::string type =
      read_choice(map.require("type", "one of " + join(type_names)), type_names, "parameter type");
  Parameter parameter;
  for (const TypeEntry& t : types) {
    if (t.name == type) parameter = t.parse(entry.key, map);
  }
  if (const auto field = map.get("default")) parameter = with_default(parameter, *field);
  if (const auto field = map.get("active_if")) {
    parameter = parameter.with_condition(parse_condition(*field, scope));
  }
  return parameter;
}

std::vector<std::string> parameter_names(const MapReader& map) {
  std::vector<std::string> names;
  for (const MapReader::Entry& entry : map.entries()) names.push_back(entry.key);
  return names;
}

} // namespace

std::string kind_phrase(ParamKind kind) {
  const std::string name(to_string(kind));
  const bool vowel = name.front() == 'i' || name.front() == 'o';
  return (vowel ? "an " : "a ") + name + " parameter";
}

ParsedSpace parse_space(const Field& field) {
  const MapReader map(field, "a map of parameters such as x: {type: real, low: 0, high: 1}");
  if (map.entries().empty()) {
    field.fail_got("the space has no parameters", "an empty map",
                   "at least one parameter such as x: {type: real, low: 0, high: 1}");
  }
  ParsedSpace parsed;
  const std::vector<std::string> all_names = parameter_names(map);
  for (const MapReader::Entry& entry : map.entries()) {
    const ConditionScope scope{entry.key, parsed.space, all_names};
    Parameter parameter = parse_parameter(entry, scope);
    try {
      parsed.space.add(std::move(parameter));
    } catch (const Error& e) {
      // A check this file did not make first: locate it at the condition when there is one.
      const MapReader definition(entry.value, parameter_example);
      definition.get("active_if").value_or(entry.key_field).fail(e.what());
    }
    parsed.fields.push_back(entry.value);
  }
  return parsed;
}

} // namespace hpsearch::detail
