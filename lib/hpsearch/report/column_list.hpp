#pragma once
// `hpsearch show --columns`: the columns `hpsearch export` writes for a checkpoint, with the
// user metrics listed one per line (declared column or reported in the metadata JSON, and
// how many rows hold a value).
#include "hpsearch/store/reader.hpp"

#include <string>

namespace hpsearch {

std::string format_columns(const CheckpointContents& contents);

} // namespace hpsearch
