#pragma once
// Text helpers the `hpsearch show` sections share: numbers and values as printed, and rows
// of cells aligned in columns. Internal to the report module.
#include "hpsearch/core/value.hpp"

#include <string>
#include <vector>

namespace hpsearch::report {

/// `x` with `digits` significant digits ("%g"); "nan" for NaN.
std::string format_number(double x, int digits = 6);
/// A parameter value as printed: reals through format_number, "-" when absent (nullptr).
std::string format_value(const Value* v);
/// Rows of cells printed in columns two spaces apart, each line starting with `indent`.
std::string table(const std::vector<std::vector<std::string>>& rows, const std::string& indent);

} // namespace hpsearch::report
