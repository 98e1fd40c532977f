#pragma once
// Parameter: one dimension of a search space. A value type, validated on construction
// by the factory functions below (they throw hpsearch::Error naming the parameter).
//
// Kinds and the fields each uses:
//   real         low, high, log           values: double in [low, high]
//   integer      low, high, log           values: std::int64_t in [low, high]
//   categorical  choices (unordered)      values: one of choices (any Value alternative)
//   ordinal      choices (ordered)        values: one of choices; compared and encoded by rank
//   constant     choices[0]               values: exactly choices[0]
// Any kind may have a default_value (validated) and an active_if condition (validated by
// SearchSpace::add(), which knows the other parameters).
//
// The unit-cube view (from_unit / to_unit) is what samplers and surrogates see:
//   real     linear or log-linear map of [0, 1] onto [low, high]
//   integer  k = high - low + 1 equal buckets of [low - 0.5, high + 0.5) in linear or log
//            space; a value maps to its bucket's centre
//   categorical / ordinal   k equal buckets, choice i <-> [i/k, (i+1)/k), centre (i+0.5)/k
//   constant                always the value; to_unit gives 0.5
// For discrete kinds from_unit(to_unit(v)) == v exactly.
#include "hpsearch/core/value.hpp"
#include "hpsearch/space/condition.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

enum class ParamKind { real, integer, categorical, ordinal, constant };

/// "real", "int", "categorical", "ordinal", "constant" (the problem file's `type:` names).
std::string_view to_string(ParamKind kind);

struct Parameter {
  std::string name;
  ParamKind kind = ParamKind::real;
  double low = 0.0;                   ///< real / integer: inclusive lower bound
  double high = 1.0;                  ///< real / integer: inclusive upper bound
  bool log = false;                   ///< real / integer: uniform in log space
  std::vector<Value> choices;         ///< categorical / ordinal: the values in the order given;
                                      ///< constant: the one value
  std::optional<Value> default_value; ///< set through with_default() so it is validated
  std::optional<Condition> active_if; ///< absent: always active

  static Parameter real(std::string name, double low, double high, bool log = false);
  static Parameter integer(std::string name, std::int64_t low, std::int64_t high, bool log = false);
  static Parameter categorical(std::string name, std::vector<Value> choices);
  /// Ordered values, encoded by rank (first = lowest). Throws on empty or duplicate values.
  static Parameter ordinal(std::string name, std::vector<Value> ordered_values);
  static Parameter constant(std::string name, Value value);

  /// A copy with `value` as default (coerced as by coerce()); throws hpsearch::Error naming
  /// the parameter, the value and the range/choices when the value is not valid.
  Parameter with_default(const Value& value) const;
  /// A copy with `condition` as active_if (validated later, by SearchSpace::add()).
  Parameter with_condition(Condition condition) const;

  bool is_discrete() const { return kind != ParamKind::real; }
  /// Ordered kinds accept `<` / `>` conditions: real, integer, ordinal.
  bool is_ordered() const {
    return kind == ParamKind::real || kind == ParamKind::integer || kind == ParamKind::ordinal;
  }
  /// Number of distinct values: 0 for real (continuous), high - low + 1 for integer,
  /// the number of choices for categorical / ordinal, 1 for constant.
  std::size_t cardinality() const;

  /// Index of `value` among `choices`, or -1 (categorical, ordinal, constant). For ordinal
  /// this is the rank.
  int choice_index(const Value& value) const;
  /// True when `value` has this parameter's type and lies in its range / choices.
  bool contains(const Value& value) const;
  /// `value` converted to this parameter's value type when that is lossless (an int for a
  /// real parameter, an integral double for an integer parameter, and likewise for
  /// numeric choices), or nullopt when it is not a valid value. contains(*coerce(v)).
  std::optional<Value> coerce(const Value& value) const;

  /// u in [0, 1] -> a value (see the header comment); u outside is clamped.
  Value from_unit(double u) const;
  /// The inverse of from_unit(); throws hpsearch::Error when !contains(value).
  double to_unit(const Value& value) const;

  /// "real [1e-05, 0.1] log", "int [16, 1024]", "categorical {relu, tanh}",
  /// "ordinal <small, medium, large>", "constant 3"; conditions and defaults are not
  /// included (see Condition::describe()).
  std::string describe() const;
};

} // namespace hpsearch
