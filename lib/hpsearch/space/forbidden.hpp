#pragma once
// ForbiddenClause: a combination of values that must never be proposed, e.g.
// {solver: adagrad, lr_policy: [inv, exp]}. A configuration is forbidden by the clause
// when EVERY named parameter is present (active) and its value is in that term's list.
// Terms name categorical, ordinal, integer or constant parameters (validated by
// SearchSpace::add_forbidden()).
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/value.hpp"

#include <string>
#include <utility>
#include <vector>

namespace hpsearch {

struct ForbiddenClause {
  std::vector<std::pair<std::string, std::vector<Value>>> terms;

  bool matches(const Config& config) const;
  /// "solver == adagrad and lr_policy in {inv, exp}".
  std::string describe() const;

  friend bool operator==(const ForbiddenClause&, const ForbiddenClause&) = default;
};

} // namespace hpsearch
