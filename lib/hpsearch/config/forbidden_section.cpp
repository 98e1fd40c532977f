// `forbidden:` — combinations never to propose, a list of clauses such as
//   - {solver: adagrad, lr_policy: [inv, exp]}
// Each key names a categorical, ordinal, int or constant parameter; its value is one value
// or a list of values of that parameter. A configuration is forbidden by a clause when every
// named parameter is active with one of the listed values.
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/core/suggest.hpp"

namespace hpsearch::detail {

namespace {

constexpr std::string_view clause_expected =
    "a map such as {solver: adagrad, lr_policy: [inv, exp]}";
/// The seed of the emptiness check's draws (used only for continuous spaces): fixed, so a
/// file is accepted or rejected the same way every time.
constexpr std::uint64_t emptiness_seed = 0;

const Parameter& find_term_parameter(const MapReader::Entry& entry, const SearchSpace& space) {
  if (const Parameter* parameter = space.find(entry.key)) {
    if (parameter->kind == ParamKind::real) {
      entry.key_field.fail_got("a forbidden clause cannot name a real parameter",
                               "'" + entry.key + "', a real parameter",
                               "a categorical, ordinal, int or constant parameter");
    }
    return *parameter;
  }
  std::vector<std::string_view> names;
  for (const Parameter& p : space.parameters()) {
    if (p.kind != ParamKind::real) names.push_back(p.name);
  }
  std::string what = "unknown parameter '" + entry.key + "'";
  if (auto match = closest_match(entry.key, names)) what += "; did you mean '" + *match + "'?";
  entry.key_field.fail_got(what, "'" + entry.key + "'",
                           names.empty()
                               ? std::string("a space with a discrete parameter")
                               : "a discrete parameter of the space (" + join(names) + ")");
}

std::vector<Value> term_values(const Field& field, const Parameter& parameter) {
  if (!field.node().IsSequence()) return {read_value_of(field, parameter)};
  if (field.node().size() == 0) {
    field.fail_got("an empty list of values", "[]",
                   "one value or a list of values of " + parameter.name);
  }
  std::vector<Value> values;
  for (std::size_t i = 0; i < field.node().size(); ++i) {
    values.push_back(
        read_value_of(field.child(field.node()[i], "[" + std::to_string(i) + "]"), parameter));
  }
  return values;
}

ForbiddenClause parse_clause(const Field& field, const SearchSpace& space) {
  const MapReader map(field, clause_expected);
  if (map.entries().empty()) {
    field.fail_got("an empty forbidden clause", "{}", "at least one parameter: value");
  }
  ForbiddenClause clause;
  for (const MapReader::Entry& entry : map.entries()) {
    const Parameter& parameter = find_term_parameter(entry, space);
    clause.terms.emplace_back(parameter.name, term_values(entry.value, parameter));
  }
  return clause;
}

} // namespace

void parse_forbidden(const Field& field, ParsedSpace& parsed) {
  if (!field.node().IsSequence()) {
    field.fail("wrong type",
               "a list of clauses such as - {solver: adagrad, lr_policy: [inv, exp]}");
  }
  for (std::size_t i = 0; i < field.node().size(); ++i) {
    const Field item = field.child(field.node()[i], "[" + std::to_string(i) + "]");
    ForbiddenClause clause = parse_clause(item, parsed.space);
    try {
      parsed.space.add_forbidden(std::move(clause));
    } catch (const Error& e) {
      item.fail(e.what());
    }
  }
  try {
    Rng rng(emptiness_seed);
    parsed.space.check_not_empty(rng);
  } catch (const Error& e) {
    field.fail_got(std::string("the forbidden clauses leave no configuration: ") + e.what(),
                   std::to_string(field.node().size()) +
                       (field.node().size() == 1 ? " clause" : " clauses"),
                   "clauses that leave at least one valid configuration");
  }
}

} // namespace hpsearch::detail
