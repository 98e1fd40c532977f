#pragma once
// Exact text form of configurations, for strategy state (the checkpoint's /state): doubles
// as hexadecimal floats, strings length-prefixed, so any value round-trips bit for bit.
#include "hpsearch/core/config.hpp"

#include <istream>
#include <ostream>

namespace hpsearch {

void write_config(std::ostream& out, const Config& config);
/// Throws hpsearch::Error when the text is not what write_config() wrote.
Config read_config(std::istream& in);

} // namespace hpsearch
