#pragma once
// JSON string literals: the one escaper for every JSON hpsearch writes (config.json for
// commands and plugins, `hpsearch export --json`).
#include <string>
#include <string_view>

namespace hpsearch {

/// Appends `text` as a quoted JSON string: quote, backslash and control characters escaped.
void append_json_string(std::string& out, std::string_view text);
/// `text` as a quoted JSON string.
std::string json_string(std::string_view text);

} // namespace hpsearch
