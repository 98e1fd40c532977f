#pragma once
// A small JSON reader for the command evaluator: it reads a training script's result lines
// and result.json (config_json.hpp writes the job's config.json). RFC 8259 values, plus
// the NaN / Infinity / -Infinity tokens Python's json module writes, so a NaN objective is
// recognised as NaN rather than as "not JSON".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

struct Json {
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind = Kind::null;
  bool boolean = false;
  double number = 0.0;
  std::string string;
  std::vector<Json> items;       ///< array elements, or object values
  std::vector<std::string> keys; ///< object keys, parallel to items

  /// The value of the last member called `key` of an object, or nullptr.
  const Json* find(std::string_view key) const;
};

/// The value `text` holds (surrounding white space allowed), or nullopt when it is not
/// one complete JSON value (nesting deeper than 64 levels counts as invalid).
std::optional<Json> parse_json(std::string_view text);

/// Compact JSON text of `value` (numbers in shortest round-trip form).
std::string to_json(const Json& value);

} // namespace hpsearch
