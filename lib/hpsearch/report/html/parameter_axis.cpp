#include "hpsearch/report/html/parameter_axis.hpp"

#include "hpsearch/core/value.hpp"

namespace hpsearch::report::html {

namespace {

bool numeric(const Parameter& p) {
  return p.kind == ParamKind::real || p.kind == ParamKind::integer;
}

} // namespace

Axis parameter_axis(const Parameter& p) {
  Axis axis;
  axis.label = p.name;
  if (numeric(p)) {
    axis.lo = p.low;
    axis.hi = p.high;
    axis.log = p.log;
  } else {
    for (const Value& v : p.choices) axis.categories.push_back(to_string(v));
  }
  return axis;
}

double axis_position(const Parameter& p, double u) {
  if (numeric(p)) return as_double(p.from_unit(u));
  const auto k = static_cast<double>(p.choices.size());
  const double i = static_cast<double>(static_cast<long>(u * k));
  return i >= k ? k - 1.0 : i;
}

} // namespace hpsearch::report::html
