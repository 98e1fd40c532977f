// `active_if:` — when a parameter is active. Forms (DESIGN.md §5):
//   {parent: value}                  equality
//   {parent: {in: [v, ...]}}         membership
//   {parent: {"<": v}} / {">": v}    ordered parents only (real, int, ordinal by rank)
//   {all: [cond, ...]} / {any: [cond, ...]}
// Several keys in one map must all hold; several operators under one parent likewise
// ({n: {">": 1, "<": 5}}). Parents must be defined above the parameter, which rules out
// cycles. Every check is made here first, so its message points at the key or value.
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/suggest.hpp"

#include <array>

namespace hpsearch::detail {

namespace {

constexpr std::string_view condition_expected =
    "a map such as {solver: adam}, {n_layers: {\">\": 1}}, {solver: {in: [sgd, momentum]}} "
    "or {any: [...]}";
constexpr std::string_view operator_expected = "a value, or a map {in: [...]}, {\"<\": v} or "
                                               "{\">\": v}";
/// Deeper all/any nesting than this is surely a mistake (and bounds the recursion).
constexpr int max_depth = 32;

/// Runs a space-module constructor; its Error is rethrown located at `field`.
template <class Make> Condition checked(const Field& field, Make make) {
  try {
    return make();
  } catch (const Error& e) {
    field.fail(e.what());
  }
}

std::vector<std::string_view> names_of(const SearchSpace& space) {
  std::vector<std::string_view> names;
  for (const Parameter& p : space.parameters()) names.push_back(p.name);
  return names;
}

const Parameter& find_parent(const MapReader::Entry& entry, const ConditionScope& scope) {
  const std::string& name = entry.key;
  if (name == scope.child) {
    entry.key_field.fail_got("a parameter cannot be conditional on itself (a cycle)",
                             "'" + name + "'", "a parameter defined above '" + scope.child + "'");
  }
  if (const Parameter* parent = scope.earlier.find(name)) return *parent;
  const std::vector<std::string_view> earlier = names_of(scope.earlier);
  const std::string expected =
      earlier.empty() ? "no parent: '" + scope.child + "' is the first parameter"
                      : "a parameter defined above '" + scope.child + "' (" + join(earlier) + ")";
  for (const std::string& later : scope.all_names) {
    if (later == name) {
      entry.key_field.fail_got("parent '" + name + "' is defined after '" + scope.child +
                                   "'; a condition may only name parameters defined above "
                                   "it (this also rules out cycles)",
                               "'" + name + "'", expected);
    }
  }
  std::string what = "unknown parameter '" + name + "'";
  if (auto match = closest_match(name, earlier)) what += "; did you mean '" + *match + "'?";
  entry.key_field.fail_got(what, "'" + name + "'", expected);
}

Condition leaf(const Field& field, const Parameter& parent, std::string_view op,
               const Field& op_field) {
  if (op == "in") {
    if (!field.node().IsSequence()) field.fail("wrong type", "a list of values of " + parent.name);
    if (field.node().size() == 0) {
      field.fail_got("'in' needs at least one value", "[]", "a list of values of " + parent.name);
    }
    std::vector<Value> values;
    for (std::size_t i = 0; i < field.node().size(); ++i) {
      values.push_back(
          read_value_of(field.child(field.node()[i], "[" + std::to_string(i) + "]"), parent));
    }
    return checked(op_field, [&] { return Condition::in(parent.name, std::move(values)); });
  }
  if (!parent.is_ordered()) {
    op_field.fail_got("'" + std::string(op) + "' needs an ordered parent (real, int or ordinal)",
                      "'" + parent.name + "', " + kind_phrase(parent.kind),
                      "equality or 'in' for it");
  }
  Value value = read_value_of(field, parent);
  return checked(op_field, [&] {
    return op == "<" ? Condition::less(parent.name, std::move(value))
                     : Condition::greater(parent.name, std::move(value));
  });
}

/// The conditions on one parent: `solver: adam` or `n_layers: {">": 1, "<": 5}`.
std::vector<Condition> parent_conditions(const MapReader::Entry& entry,
                                         const ConditionScope& scope) {
  const Parameter& parent = find_parent(entry, scope);
  const Field& spec = entry.value;
  if (spec.node().IsSequence()) {
    spec.fail("wrong type (for several values write {in: [...]})", operator_expected);
  }
  if (!spec.node().IsMap()) {
    Value value = read_value_of(spec, parent);
    return {checked(spec, [&] { return Condition::equals(parent.name, std::move(value)); })};
  }
  const MapReader ops(spec, operator_expected);
  constexpr std::array<std::string_view, 3> known = {"in", "<", ">"};
  ops.allow_only(known, "a condition on " + parent.name);
  if (ops.entries().empty()) {
    spec.fail_got("an empty condition", "{}", std::string(operator_expected));
  }
  std::vector<Condition> out;
  for (const MapReader::Entry& op : ops.entries()) {
    out.push_back(leaf(op.value, parent, op.key, op.key_field));
  }
  return out;
}

Condition parse_at_depth(const Field& field, const ConditionScope& scope, int depth);

/// `all: [...]` / `any: [...]`.
Condition combination(const MapReader::Entry& entry, const ConditionScope& scope, int depth) {
  const Field& list = entry.value;
  if (!list.node().IsSequence()) list.fail("wrong type", "a list of conditions");
  if (list.node().size() == 0) {
    list.fail_got("'" + entry.key + "' needs at least one condition", "[]", "a list of conditions");
  }
  std::vector<Condition> children;
  for (std::size_t i = 0; i < list.node().size(); ++i) {
    children.push_back(
        parse_at_depth(list.child(list.node()[i], "[" + std::to_string(i) + "]"), scope, depth));
  }
  return checked(entry.key_field, [&] {
    return entry.key == "all" ? Condition::all(std::move(children))
                              : Condition::any(std::move(children));
  });
}

Condition parse_at_depth(const Field& field, const ConditionScope& scope, int depth) {
  if (depth > max_depth) {
    field.fail_got("conditions nested too deeply",
                   "more than " + std::to_string(max_depth) + " levels",
                   "at most " + std::to_string(max_depth) + " levels of all/any");
  }
  const MapReader map(field, condition_expected);
  if (map.entries().empty()) field.fail_got("an empty condition", "{}", condition_expected);
  std::vector<Condition> parts;
  for (const MapReader::Entry& entry : map.entries()) {
    if (entry.key == "all" || entry.key == "any") {
      parts.push_back(combination(entry, scope, depth + 1));
    } else {
      for (Condition& c : parent_conditions(entry, scope)) parts.push_back(std::move(c));
    }
  }
  if (parts.size() == 1) return std::move(parts.front());
  return checked(field, [&] { return Condition::all(std::move(parts)); });
}

} // namespace

Value read_value_of(const Field& field, const Parameter& parameter) {
  const Value value = read_value(field);
  if (const auto coerced = parameter.coerce(value)) return *coerced;
  std::string what = field.describe() + " is not a value of '" + parameter.name + "'";
  if (const auto* text = std::get_if<std::string>(&value)) {
    std::vector<std::string_view> strings;
    for (const Value& choice : parameter.choices) {
      if (const auto* s = std::get_if<std::string>(&choice)) strings.push_back(*s);
    }
    if (auto match = closest_match(*text, strings)) what += "; did you mean '" + *match + "'?";
  }
  field.fail(what, parameter.describe());
}

Condition parse_condition(const Field& field, const ConditionScope& scope) {
  return parse_at_depth(field, scope, 0);
}

} // namespace hpsearch::detail
