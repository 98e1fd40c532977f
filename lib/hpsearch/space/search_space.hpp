#pragma once
// SearchSpace: an ordered set of parameters, with conditions (active_if) and forbidden
// clauses; draws configurations from it and maps them to and from the unit cube.
//
// A parameter may only depend on parameters defined before it, so one pass in order
// decides which parameters are active. An INACTIVE parameter is ABSENT from the Config.
//
// Encodings (encode / decode_encoded), all on the unit cube and log-aware:
//   Encoding::index    one column per parameter, Parameter::to_unit() of its value
//                      (categoricals as their bucket centre — meant for trees).
//                      An inactive parameter encodes as -1 (below every real value, so a
//                      tree can split it off).
//   Encoding::one_hot  categoricals expand to k columns (1 for the choice, 0 elsewhere);
//                      every other kind is one column as in `index` (meant for GPs).
//                      An inactive parameter encodes as 0 in every one of its columns.
// decode() maps a raw point of [0, 1]^dimension() (one coordinate per parameter, as
// samplers produce) to a configuration; coordinates of inactive parameters are ignored.
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/space/forbidden.hpp"
#include "hpsearch/space/parameter.hpp"

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hpsearch {

enum class Encoding { index, one_hot };

class SearchSpace {
public:
  static constexpr std::size_t kDefaultMaxTries = 1000;

  /// Appends a parameter. Throws hpsearch::Error on a duplicate name, an invalid default,
  /// or an invalid condition: a parent that is unknown or defined later (which also rules
  /// out cycles), `<`/`>` on an unordered parent, or a value that is not a valid value of
  /// the parent (for `<`/`>` on real/int: a number within the parent's bounds). Numeric
  /// condition values are coerced to the parent's type.
  void add(Parameter parameter);
  /// Appends a forbidden clause. Throws hpsearch::Error on no terms, an unknown or repeated
  /// name, a real parameter, or a value that is not one of the parameter's values.
  void add_forbidden(ForbiddenClause clause);

  const std::vector<Parameter>& parameters() const { return parameters_; }
  const std::vector<ForbiddenClause>& forbidden() const { return forbidden_; }
  const Parameter* find(const std::string& name) const;
  /// Position of `name` in parameters(), or -1.
  int index_of(const std::string& name) const;
  std::size_t size() const { return parameters_.size(); }
  bool empty() const { return parameters_.empty(); }
  /// Coordinates of a raw point: one per parameter (== size()).
  std::size_t dimension() const { return parameters_.size(); }
  std::size_t encoded_dimension(Encoding encoding) const;

  /// True when `parameter` has no condition or its condition holds for `partial` (which
  /// needs the parameters defined before it).
  bool is_active(const Parameter& parameter, const Config& partial) const;
  /// True when a forbidden clause matches `config`.
  bool is_forbidden(const Config& config) const;
  /// True when `config` holds exactly the active parameters (in any order), each with a
  /// valid value, no inactive ones, and is not forbidden.
  bool contains(const Config& config) const;

  /// A configuration drawn uniformly (log-uniformly where `log`) among the active
  /// parameters, redrawn while forbidden; after `max_tries` forbidden draws throws
  /// hpsearch::Error "the space is (nearly) empty: ...".
  Config sample(Rng& rng, std::size_t max_tries = kDefaultMaxTries) const;
  /// Throws hpsearch::Error when the forbidden clauses leave (almost) nothing: a fully
  /// discrete space with at most 100,000 raw combinations is enumerated exactly,
  /// any other is sampled (kDefaultMaxTries draws). No-op without forbidden clauses.
  void check_not_empty(Rng& rng) const;

  /// Raw point in [0, 1]^dimension() -> configuration (not checked against forbidden).
  Config decode(const Eigen::VectorXd& unit) const;
  Eigen::VectorXd encode(const Config& config, Encoding encoding = Encoding::index) const;
  /// The inverse of encode(): which parameters are active is decided from the decoded
  /// parents, so the inactive markers are not needed. One-hot blocks decode to their
  /// largest column.
  Config decode_encoded(const Eigen::VectorXd& encoded, Encoding encoding = Encoding::index) const;

private:
  /// Activity of parameter i, given values by position (nullptr = absent).
  bool active_at(std::size_t i, const std::vector<const Value*>& values) const;
  /// A configuration decided in order: value_of(i) is called for each active parameter i.
  Config build(const std::function<Value(std::size_t)>& value_of) const;

  std::vector<Parameter> parameters_;
  std::vector<ForbiddenClause> forbidden_;
};

std::string_view to_string(Encoding encoding);

} // namespace hpsearch
