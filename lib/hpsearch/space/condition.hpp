#pragma once
// Condition: when a conditional parameter is active (`active_if`). A small expression tree:
// leaves compare one earlier parameter (the parent) with values, inner nodes combine them.
//
//   equals(parent, v)   parent == v
//   in(parent, {v...})  parent is one of the values
//   less(parent, v)     parent < v   (ordered parents only: real, int numerically,
//   greater(parent, v)  parent > v    ordinal by rank)
//   all({c...})         every child holds
//   any({c...})         at least one child holds
//
// A leaf whose parent is absent from the configuration (the parent is itself inactive)
// is false, so chains work: `units_3` active if `n_layers > 2`, `dropout_3` active if
// `units_3` is... and so on. SearchSpace::add() validates a condition against the space
// (parents exist and come earlier, ordered ops on ordered parents, values valid).
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/value.hpp"

#include <string>
#include <vector>

namespace hpsearch {

class SearchSpace;

class Condition {
public:
  enum class Op { equals, in, less, greater, all, any };

  static Condition equals(std::string parent, Value value);
  /// Throws hpsearch::Error when `values` is empty.
  static Condition in(std::string parent, std::vector<Value> values);
  static Condition less(std::string parent, Value value);
  static Condition greater(std::string parent, Value value);
  /// Throws hpsearch::Error when `children` is empty.
  static Condition all(std::vector<Condition> children);
  static Condition any(std::vector<Condition> children);

  Op op() const { return op_; }
  bool is_leaf() const { return op_ != Op::all && op_ != Op::any; }
  /// Leaf: the parent's name (empty for all/any).
  const std::string& parent() const { return parent_; }
  /// Leaf: the compared value(s); one for equals/less/greater.
  const std::vector<Value>& values() const { return values_; }
  /// all/any: the children.
  const std::vector<Condition>& children() const { return children_; }
  /// Mutable access for SearchSpace::add(), which normalizes numeric value types
  /// (e.g. an int 2 compared with a real parent becomes 2.0).
  std::vector<Value>& values() { return values_; }
  std::vector<Condition>& children() { return children_; }

  /// True when the condition holds for `partial`, a configuration holding (at least) the
  /// parameters defined before the conditional one. `space` supplies ordinal ranks.
  bool holds(const Config& partial, const SearchSpace& space) const;
  /// The same, with values by parameter position: `values[i]` is the value of the space's
  /// parameter i, or nullptr when absent. The fast path SearchSpace uses; needs the
  /// condition to have been validated by SearchSpace::add() (which sets parent_index()).
  bool holds(const std::vector<const Value*>& values, const SearchSpace& space) const;
  /// Leaf: the parent's position in the space, set by SearchSpace::add(); -1 before.
  int parent_index() const { return parent_index_; }
  void set_parent_index(int index) { parent_index_ = index; }

  /// Every parent named in the tree, in first-appearance order, without repeats.
  std::vector<std::string> parents() const;
  /// "optimizer == sgd", "layers > 2 and (act in {relu, tanh} or lr < 0.01)".
  std::string describe() const;

  /// Structural equality (the parent index is not compared).
  friend bool operator==(const Condition& a, const Condition& b) {
    return a.op_ == b.op_ && a.parent_ == b.parent_ && a.values_ == b.values_ &&
           a.children_ == b.children_;
  }

private:
  Condition() = default;
  Op op_ = Op::equals;
  std::string parent_;
  std::vector<Value> values_;
  std::vector<Condition> children_;
  int parent_index_ = -1;
};

std::string_view to_string(Condition::Op op);

} // namespace hpsearch
