#pragma once
// Helpers of the evolution tests: results, a mixed space with conditions and forbidden
// clauses, and a cheap objective over it.
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/space/search_space.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace hpsearch::test {

inline Evaluation result(JobId id, const Config& config, double objective,
                         Status status = Status::ok) {
  Evaluation ev;
  ev.id = id;
  ev.config = config;
  ev.status = status;
  ev.objective = status == Status::ok ? objective : std::numeric_limits<double>::quiet_NaN();
  return ev;
}

/// Every kind of parameter, a condition chain, a constant and a
/// forbidden clause.
inline SearchSpace mixed_space() {
  SearchSpace space;
  space.add(Parameter::real("lr", 1e-4, 1e-1, true));
  space.add(Parameter::integer("units", 1, 8));
  space.add(Parameter::ordinal("size", {std::string("s"), std::string("m"), std::string("l")}));
  space.add(Parameter::categorical("opt", {std::string("sgd"), std::string("adam")}));
  space.add(Parameter::real("momentum", 0.0, 0.99)
                .with_condition(Condition::equals("opt", std::string("sgd"))));
  space.add(Parameter::categorical("nesterov", {true, false})
                .with_condition(Condition::greater("momentum", 0.5)));
  space.add(Parameter::constant("seed", std::int64_t{3}));
  space.add_forbidden(
      {{{"units", {std::int64_t{1}, std::int64_t{2}}}, {"size", {std::string("l")}}}});
  return space;
}

/// Smallest at lr 1e-2, units 6, size m, adam.
inline double mixed_objective(const Config& c) {
  const double lr = std::log10(std::get<double>(c.at("lr"))) + 2.0;
  const auto units = static_cast<double>(std::get<std::int64_t>(c.at("units")) - 6);
  const double size = std::get<std::string>(c.at("size")) == "m" ? 0.0 : 1.0;
  const double opt = std::get<std::string>(c.at("opt")) == "adam" ? 0.0 : 0.5;
  return lr * lr + 0.1 * units * units + size + opt;
}

} // namespace hpsearch::test
