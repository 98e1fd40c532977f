#pragma once
// search_settings: every effective setting of a problem's `search:` section — the chosen
// strategy's keys and the pruner's, defaults included — as the YAML `search:` accepts, so
// `hpsearch validate` shows what a search will really run with (and the lines, pasted back
// into `search:`, give the same settings).
#include "hpsearch/config/problem.hpp"

#include <string>
#include <utility>
#include <vector>

namespace hpsearch {

/// (key, value) pairs in the order a reader would look for them: strategy, initial design
/// or grid, the strategy's own keys, the pruner.
std::vector<std::pair<std::string, std::string>> search_settings(const SearchSpec& search);

} // namespace hpsearch
