#include "hpsearch/space/condition.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/space/search_space.hpp"

#include <algorithm>

namespace hpsearch {

std::string_view to_string(Condition::Op op) {
  switch (op) {
  case Condition::Op::equals:
    return "==";
  case Condition::Op::in:
    return "in";
  case Condition::Op::less:
    return "<";
  case Condition::Op::greater:
    return ">";
  case Condition::Op::all:
    return "and";
  case Condition::Op::any:
    return "or";
  }
  return "?";
}

namespace {

Condition::Op checked_leaf(const std::string& parent, Condition::Op op) {
  if (parent.empty()) throw Error::input("a condition needs the name of its parent parameter");
  return op;
}

/// Position of `value` on the parent's order: the number for real/int, the rank for ordinal.
double order_key(const Parameter& parent, const Value& value) {
  if (parent.kind == ParamKind::ordinal) return parent.choice_index(value);
  return as_double(value);
}

} // namespace

Condition Condition::equals(std::string parent, Value value) {
  Condition c;
  c.op_ = checked_leaf(parent, Op::equals);
  c.parent_ = std::move(parent);
  c.values_ = {std::move(value)};
  return c;
}

Condition Condition::in(std::string parent, std::vector<Value> values) {
  if (values.empty()) {
    throw Error::input("condition on '" + parent + "': 'in' needs at least one value");
  }
  Condition c;
  c.op_ = checked_leaf(parent, Op::in);
  c.parent_ = std::move(parent);
  c.values_ = std::move(values);
  return c;
}

Condition Condition::less(std::string parent, Value value) {
  Condition c = equals(std::move(parent), std::move(value));
  c.op_ = Op::less;
  return c;
}

Condition Condition::greater(std::string parent, Value value) {
  Condition c = equals(std::move(parent), std::move(value));
  c.op_ = Op::greater;
  return c;
}

Condition Condition::all(std::vector<Condition> children) {
  if (children.empty()) throw Error::input("condition 'all' needs at least one condition");
  Condition c;
  c.op_ = Op::all;
  c.children_ = std::move(children);
  return c;
}

Condition Condition::any(std::vector<Condition> children) {
  if (children.empty()) throw Error::input("condition 'any' needs at least one condition");
  Condition c;
  c.op_ = Op::any;
  c.children_ = std::move(children);
  return c;
}

bool Condition::holds(const Config& partial, const SearchSpace& space) const {
  switch (op_) {
  case Op::all:
    return std::all_of(children_.begin(), children_.end(),
                       [&](const Condition& c) { return c.holds(partial, space); });
  case Op::any:
    return std::any_of(children_.begin(), children_.end(),
                       [&](const Condition& c) { return c.holds(partial, space); });
  case Op::equals:
  case Op::in: {
    const Value* v = partial.find(parent_);
    return v != nullptr && std::find(values_.begin(), values_.end(), *v) != values_.end();
  }
  case Op::less:
  case Op::greater: {
    const Value* v = partial.find(parent_);
    const Parameter* parent = space.find(parent_);
    if (v == nullptr || parent == nullptr || !parent->contains(*v)) return false;
    const double x = order_key(*parent, *v);
    const double threshold = order_key(*parent, values_.front());
    return op_ == Op::less ? x < threshold : x > threshold;
  }
  }
  return false;
}

bool Condition::holds(const std::vector<const Value*>& values, const SearchSpace& space) const {
  switch (op_) {
  case Op::all:
    return std::all_of(children_.begin(), children_.end(),
                       [&](const Condition& c) { return c.holds(values, space); });
  case Op::any:
    return std::any_of(children_.begin(), children_.end(),
                       [&](const Condition& c) { return c.holds(values, space); });
  case Op::equals:
  case Op::in:
  case Op::less:
  case Op::greater:
    break;
  }
  if (parent_index_ < 0 || static_cast<std::size_t>(parent_index_) >= values.size()) {
    throw Error::internal("condition on '" + parent_ + "' was not added to a search space");
  }
  const Value* v = values[static_cast<std::size_t>(parent_index_)];
  if (v == nullptr) return false;
  if (op_ == Op::equals || op_ == Op::in) {
    return std::find(values_.begin(), values_.end(), *v) != values_.end();
  }
  const Parameter& parent = space.parameters()[static_cast<std::size_t>(parent_index_)];
  if (!parent.contains(*v)) return false;
  const double x = order_key(parent, *v);
  const double threshold = order_key(parent, values_.front());
  return op_ == Op::less ? x < threshold : x > threshold;
}

std::vector<std::string> Condition::parents() const {
  std::vector<std::string> out;
  if (is_leaf()) return {parent_};
  for (const auto& child : children_) {
    for (auto& name : child.parents()) {
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
    }
  }
  return out;
}

std::string Condition::describe() const {
  if (!is_leaf()) {
    std::string out;
    for (const auto& child : children_) {
      if (!out.empty()) out += op_ == Op::all ? " and " : " or ";
      // Appended piece by piece: `"(" + child.describe() + ")"` makes GCC 12 at -O2 report
      // a false -Wrestrict overlap inside std::string::insert (GCC bug 105329).
      const bool wrap = !child.is_leaf() && child.children_.size() > 1;
      if (wrap) out += '(';
      out += child.describe();
      if (wrap) out += ')';
    }
    return out;
  }
  std::string out = parent_ + " " + std::string(to_string(op_)) + " ";
  if (op_ != Op::in) return out + to_string(values_.front());
  out += "{";
  for (std::size_t i = 0; i < values_.size(); ++i) out += (i ? ", " : "") + to_string(values_[i]);
  return out + "}";
}

} // namespace hpsearch
