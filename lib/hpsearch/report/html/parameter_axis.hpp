#pragma once
// A parameter's values on a plot axis: real and integer parameters on their range (log
// when the parameter is log-uniform), categorical, ordinal and constant ones as named
// categories. Internal to report/html.
#include "hpsearch/report/html/svg_plot.hpp"
#include "hpsearch/space/parameter.hpp"

namespace hpsearch::report::html {

/// The axis for `p`'s values.
Axis parameter_axis(const Parameter& p);
/// Where the unit-cube coordinate `u` (Parameter::to_unit) falls on parameter_axis(p).
double axis_position(const Parameter& p, double u);

} // namespace hpsearch::report::html
