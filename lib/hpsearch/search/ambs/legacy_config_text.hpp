#pragma once
// The configuration text AMBS snapshots used before core/config_text.hpp became the one
// text form ("ambs-proposer 1": doubles as hexadecimal floats, strings length-prefixed).
// Read-only, so checkpoints written by earlier versions still resume; nothing writes it.
#include "hpsearch/core/config.hpp"

#include <istream>

namespace hpsearch {

/// One configuration in the old form. Throws hpsearch::Error when the text is not one.
Config read_legacy_config(std::istream& in);

} // namespace hpsearch
