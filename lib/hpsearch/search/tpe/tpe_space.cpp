#include "hpsearch/search/tpe/tpe_space.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hpsearch {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TpeDimension dimension_of(const Parameter& p) {
  using Kind = TpeDimension::Kind;
  switch (p.kind) {
  case ParamKind::real:
    return p.log ? TpeDimension{Kind::continuous, std::log(p.low), std::log(p.high), 0}
                 : TpeDimension{Kind::continuous, p.low, p.high, 0};
  case ParamKind::integer:
    return p.log ? TpeDimension{Kind::continuous, std::log(p.low - 0.5), std::log(p.high + 0.5), 0}
                 : TpeDimension{Kind::discrete, p.low - 0.5, p.high + 0.5, 0};
  case ParamKind::ordinal:
    return {Kind::discrete, -0.5, static_cast<double>(p.choices.size()) - 0.5, 0};
  case ParamKind::categorical:
  case ParamKind::constant:
    break;
  }
  return {Kind::categorical, 0.0, 0.0, p.choices.size()};
}

} // namespace

TpeSpace::TpeSpace(const SearchSpace& space) : space_(&space) {
  for (const Parameter& p : space.parameters()) {
    const bool varies = p.kind == ParamKind::real || p.cardinality() > 1;
    dimension_of_.push_back(varies ? static_cast<int>(dimensions_.size()) : -1);
    if (!varies) continue;
    parameter_of_.push_back(static_cast<int>(dimension_of_.size()) - 1);
    dimensions_.push_back(dimension_of(p));
  }
}

Eigen::VectorXd TpeSpace::to_internal(const Config& config) const {
  Eigen::VectorXd x(static_cast<Eigen::Index>(dimensions_.size()));
  for (std::size_t j = 0; j < dimensions_.size(); ++j) {
    const Parameter& p = space_->parameters()[static_cast<std::size_t>(parameter_of_[j])];
    const Value* v = config.find(p.name);
    double coordinate = kNaN;
    if (v != nullptr) {
      if (p.kind == ParamKind::real || p.kind == ParamKind::integer) {
        coordinate = p.log ? std::log(as_double(*v)) : as_double(*v);
      } else {
        coordinate = static_cast<double>(p.choice_index(*v));
      }
    }
    x[static_cast<Eigen::Index>(j)] = coordinate;
  }
  return x;
}

Value TpeSpace::value_at(const Parameter& p, double v) const {
  switch (p.kind) {
  case ParamKind::real:
    return std::clamp(p.log ? std::exp(v) : v, p.low, p.high);
  case ParamKind::integer:
    return static_cast<std::int64_t>(
        std::clamp(std::round(p.log ? std::exp(v) : v), p.low, p.high));
  case ParamKind::ordinal:
  case ParamKind::categorical: {
    const double last = static_cast<double>(p.choices.size()) - 1.0;
    return p.choices[static_cast<std::size_t>(std::clamp(std::round(v), 0.0, last))];
  }
  case ParamKind::constant:
    break;
  }
  return p.choices.front();
}

Config TpeSpace::to_config(const Eigen::VectorXd& x) const {
  const auto& parameters = space_->parameters();
  Eigen::VectorXd unit =
      Eigen::VectorXd::Constant(static_cast<Eigen::Index>(parameters.size()), 0.5);
  for (std::size_t j = 0; j < dimensions_.size(); ++j) {
    const Parameter& p = parameters[static_cast<std::size_t>(parameter_of_[j])];
    unit[parameter_of_[j]] = p.to_unit(value_at(p, x[static_cast<Eigen::Index>(j)]));
  }
  // decode() decides which parameters are active, by the space's own rules.
  return space_->decode(unit);
}

Eigen::VectorXd TpeSpace::masked(const Eigen::VectorXd& x, const Config& config) const {
  Eigen::VectorXd out = x;
  for (std::size_t j = 0; j < dimensions_.size(); ++j) {
    const Parameter& p = space_->parameters()[static_cast<std::size_t>(parameter_of_[j])];
    if (!config.contains(p.name)) out[static_cast<Eigen::Index>(j)] = kNaN;
  }
  return out;
}

} // namespace hpsearch
