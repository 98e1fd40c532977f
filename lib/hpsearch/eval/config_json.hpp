#pragma once
// to_json: a Config as one JSON object, parameter name -> value, in the config's order
// ({"lr":0.01,"units":64,"bn":true,"act":"relu"}), written by core's JsonWriter (its
// number policy: integral reals keep a ".0"; NaN and infinities print as null).
#include "hpsearch/core/config.hpp"

#include <string>

namespace hpsearch {

std::string to_json(const Config& config);

} // namespace hpsearch
