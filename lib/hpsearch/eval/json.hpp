#pragma once
// Reading the JSON a training script writes (a result line on stdout, result.json): RFC
// 8259 plus the NaN / Infinity / -Infinity tokens Python's json module writes, so a NaN
// objective is recognised as NaN rather than as "not JSON". RapidJSON does the parsing.
//
// The text is untrusted: anything that is not one complete JSON value is an error with a
// reason, never a crash. Refused as well: nesting deeper than 64 levels, numbers beyond a
// double (1e999), bytes that are not UTF-8, and escapes that do not make a character
// (a lone surrogate such as \uD800 or \uDC00), so no string read here holds invalid UTF-8.
#include "hpsearch/core/rapidjson.hpp"

#include <string>
#include <string_view>

namespace hpsearch {

struct ParsedJson {
  rapidjson::Document document; ///< the value, when `error` is empty
  std::string error;            ///< why the text is not JSON: "at byte 12: ..."

  bool ok() const { return error.empty(); }
};

/// Nesting deeper than this is refused (writing a value back recurses once per level).
inline constexpr int kMaxJsonDepth = 64;

/// The value `text` holds (surrounding white space allowed).
ParsedJson parse_json(std::string_view text);

/// The value of the last member called `key` of `object` (Python's json keeps the last of
/// duplicate keys), or nullptr; nullptr too when `object` is not an object.
const rapidjson::Value* last_member(const rapidjson::Value& object, std::string_view key);

/// `value` as compact JSON, written by core's JsonWriter (NaN and infinities as null).
std::string to_json(const rapidjson::Value& value);

} // namespace hpsearch
