#pragma once
// to_json: a Config as one JSON object, parameter name -> value, in the config's order
// ({"lr": 0.01, "units": 64, "bn": true, "act": "relu"}). Reals print in shortest
// round-trip form (a real that is integral keeps a ".0", so it reads back as a real);
// NaN and infinities, which JSON cannot hold, print as null. Strings are escaped (quote,
// backslash, control characters as \uXXXX; UTF-8 passes through).
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/json_string.hpp" // json_string(), for users of to_json()

#include <string>
#include <string_view>

namespace hpsearch {

std::string to_json(const Config& config);

} // namespace hpsearch
