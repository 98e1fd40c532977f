#pragma once
// Parameter: one dimension of a search space. A value type, validated on construction
// by the factory functions below (they throw hpsearch::Error naming the parameter).
//
// Kinds grow with the search-space issue (ordinal, constant, conditions); the fields
// here are the ones every kind needs.
#include "hpsearch/core/value.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hpsearch {

enum class ParamKind { real, integer, categorical };

std::string_view to_string(ParamKind kind);

struct Parameter {
  std::string name;
  ParamKind kind = ParamKind::real;
  double low = 0.0;           ///< real / integer: inclusive lower bound
  double high = 1.0;          ///< real / integer: inclusive upper bound
  bool log = false;           ///< real / integer: sample uniformly in log space
  std::vector<Value> choices; ///< categorical: the choices, in the order given
  std::optional<Value> default_value;

  static Parameter real(std::string name, double low, double high, bool log = false);
  static Parameter integer(std::string name, std::int64_t low, std::int64_t high, bool log = false);
  static Parameter categorical(std::string name, std::vector<Value> choices);

  /// Index of `value` among `choices`, or -1. Categorical only.
  int choice_index(const Value& value) const;
  /// True when `value` has this parameter's type and lies in its range / choices.
  bool contains(const Value& value) const;
  /// "real [1e-05, 0.1] log", "int [16, 1024]", "categorical {relu, tanh}".
  std::string describe() const;
};

} // namespace hpsearch
