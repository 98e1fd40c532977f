#include "hpsearch/space/search_space.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/space/grid.hpp"

#include <algorithm>
#include <limits>

namespace hpsearch {

namespace {

// Validates `condition` (a subtree of `owner`'s active_if) against the parameters defined
// so far and coerces its values to the parents' types.
void check_condition(const std::vector<Parameter>& defined, const std::string& owner,
                     Condition& condition) {
  for (auto& child : condition.children()) check_condition(defined, owner, child);
  if (!condition.is_leaf()) return;
  const std::string where = "parameter '" + owner + "': condition '" + condition.describe() + "'";
  const std::string& parent_name = condition.parent();
  if (parent_name == owner) throw Error::input(where + " makes the parameter depend on itself");
  const auto it = std::find_if(defined.begin(), defined.end(),
                               [&](const Parameter& p) { return p.name == parent_name; });
  if (it == defined.end()) {
    throw Error::input(where + " names '" + parent_name + "', which is not defined before '" +
                       owner + "' (a condition may only use parameters defined earlier)");
  }
  const Parameter& parent = *it;
  condition.set_parent_index(static_cast<int>(it - defined.begin()));
  const bool ordered_op =
      condition.op() == Condition::Op::less || condition.op() == Condition::Op::greater;
  if (ordered_op && !parent.is_ordered()) {
    throw Error::input(where + " compares with '" + std::string(to_string(condition.op())) +
                       "', but '" + parent_name + "' is " + std::string(to_string(parent.kind)) +
                       " (unordered); use == or in, or make it ordinal");
  }
  for (auto& value : condition.values()) {
    if (ordered_op && parent.kind != ParamKind::ordinal) {
      const bool numeric =
          std::holds_alternative<double>(value) || std::holds_alternative<std::int64_t>(value);
      if (!numeric || as_double(value) < parent.low || as_double(value) > parent.high) {
        throw Error::input(where + ": '" + to_string(value) +
                           "' is not a number within the bounds of '" + parent_name + "' (" +
                           parent.describe() + ")");
      }
      continue;
    }
    auto coerced = parent.coerce(value);
    if (!coerced) {
      throw Error::input(where + ": '" + to_string(value) + "' is not a value of '" + parent_name +
                         "' (" + parent.describe() + ")");
    }
    value = std::move(*coerced);
  }
}

} // namespace

void SearchSpace::add(Parameter parameter) {
  if (find(parameter.name) != nullptr) {
    throw Error::input("parameter '" + parameter.name + "' is defined twice");
  }
  if (parameter.default_value) parameter = parameter.with_default(*parameter.default_value);
  if (parameter.active_if) check_condition(parameters_, parameter.name, *parameter.active_if);
  parameters_.push_back(std::move(parameter));
}

void SearchSpace::add_forbidden(ForbiddenClause clause) {
  const std::string where = "forbidden clause '" + clause.describe() + "'";
  if (clause.terms.empty()) throw Error::input("a forbidden clause needs at least one parameter");
  for (std::size_t t = 0; t < clause.terms.size(); ++t) {
    auto& [name, values] = clause.terms[t];
    for (std::size_t s = 0; s < t; ++s) {
      if (clause.terms[s].first == name) throw Error::input(where + " names '" + name + "' twice");
    }
    const Parameter* p = find(name);
    if (p == nullptr) throw Error::input(where + " names '" + name + "', which is not a parameter");
    if (p->kind == ParamKind::real) {
      throw Error::input(where + " names '" + name +
                         "', a real parameter; forbidden clauses take categorical, ordinal, int or "
                         "constant parameters");
    }
    if (values.empty()) throw Error::input(where + ": '" + name + "' needs at least one value");
    for (auto& value : values) {
      auto coerced = p->coerce(value);
      if (!coerced) {
        throw Error::input(where + ": '" + to_string(value) + "' is not a value of '" + name +
                           "' (" + p->describe() + ")");
      }
      value = std::move(*coerced);
    }
  }
  forbidden_.push_back(std::move(clause));
}

const Parameter* SearchSpace::find(const std::string& name) const {
  const int i = index_of(name);
  return i < 0 ? nullptr : &parameters_[static_cast<std::size_t>(i)];
}

int SearchSpace::index_of(const std::string& name) const {
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    if (parameters_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

bool SearchSpace::active_at(std::size_t i, const std::vector<const Value*>& values) const {
  const auto& condition = parameters_[i].active_if;
  return !condition || condition->holds(values, *this);
}

Config SearchSpace::build(const std::function<Value(std::size_t)>& value_of) const {
  std::vector<const Value*> present(parameters_.size(), nullptr);
  std::vector<Config::Entry> entries;
  entries.reserve(parameters_.size()); // no reallocation: `present` points into it
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    if (!active_at(i, present)) continue;
    entries.emplace_back(parameters_[i].name, value_of(i));
    present[i] = &entries.back().second;
  }
  return Config(std::move(entries));
}

bool SearchSpace::is_active(const Parameter& parameter, const Config& partial) const {
  return !parameter.active_if || parameter.active_if->holds(partial, *this);
}

bool SearchSpace::is_forbidden(const Config& config) const {
  return std::any_of(forbidden_.begin(), forbidden_.end(),
                     [&](const ForbiddenClause& c) { return c.matches(config); });
}

bool SearchSpace::contains(const Config& config) const {
  std::vector<const Value*> present(parameters_.size(), nullptr);
  std::size_t active = 0;
  const auto& entries = config.entries();
  std::size_t cursor = 0; // configurations usually list parameters in the space's order
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    const std::string& name = parameters_[i].name;
    const Value* v = cursor < entries.size() && entries[cursor].first == name
                         ? &entries[cursor++].second
                         : config.find(name);
    if (!active_at(i, present)) {
      if (v != nullptr) return false;
      continue;
    }
    if (v == nullptr || !parameters_[i].contains(*v)) return false;
    present[i] = v;
    ++active;
  }
  return active == config.size() && !is_forbidden(config);
}

Config SearchSpace::sample(Rng& rng, std::size_t max_tries) const {
  for (std::size_t attempt = 0; attempt < std::max<std::size_t>(max_tries, 1); ++attempt) {
    Config config = build([&](std::size_t i) { return parameters_[i].from_unit(rng.uniform()); });
    if (!is_forbidden(config)) return config;
  }
  const auto n = std::to_string(std::max<std::size_t>(max_tries, 1));
  throw Error::input("the space is (nearly) empty: " + n + " of " + n +
                     " draws were forbidden; check the forbidden clauses");
}

void SearchSpace::check_not_empty(Rng& rng) const {
  if (forbidden_.empty()) return;
  constexpr std::size_t kEnumerateLimit = 100000;
  std::size_t combinations = 1;
  for (const auto& p : parameters_) {
    const std::size_t k = p.cardinality();
    if (k == 0 || combinations > kEnumerateLimit / k) {
      combinations = 0;
      break;
    }
    combinations *= k;
  }
  if (combinations == 0) {
    sample(rng); // throws when kDefaultMaxTries draws are all forbidden
    return;
  }
  std::vector<std::vector<Value>> values;
  for (const auto& p : parameters_) {
    values.push_back(grid_values(p, static_cast<std::int64_t>(p.cardinality())));
  }
  GridEnumerator grid(*this, std::move(values));
  if (grid.next()) return;
  std::string clauses;
  for (const auto& c : forbidden_) clauses += "\n  " + c.describe();
  throw Error::input(
      "the space is empty: every one of its combinations is forbidden by the forbidden "
      "clauses:" +
      clauses);
}

} // namespace hpsearch
