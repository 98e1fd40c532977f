#pragma once
// A parameter value as it travels from the space to a worker and into the checkpoint.
// The alternative held keeps the parameter's type end to end: an int stays an int.
#include <cstdint>
#include <string>
#include <variant>

namespace hpsearch {

using Value = std::variant<std::int64_t, double, bool, std::string>;

/// Human and command-line form: ints without a decimal point, reals in shortest
/// round-trip form, booleans as true/false, strings verbatim.
std::string to_string(const Value& value);

/// Numeric view of a value (int or real; bool as 0/1). Throws hpsearch::Error for strings.
double as_double(const Value& value);

} // namespace hpsearch
