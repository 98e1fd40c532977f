#pragma once
// JsonWriter: the one JSON writer of hpsearch (config.json for commands and plugins,
// `hpsearch export --json`, a result's metadata), built on RapidJSON's Writer. One line,
// spaced as Python's json.dumps writes it: {"lr": 0.01, "units": 64, "act": "relu"}.
//
// One policy for numbers every tool can read: a real prints in shortest round-trip form
// and keeps a ".0" when integral (so it reads back as a real), and NaN and the infinities,
// which RFC 8259 cannot hold, print as null. Python's json would read NaN, but jq,
// JavaScript's JSON.parse, Go, nlohmann::json and every strict parser refuse the file, and
// the files we write are meant for other tools. Strings are escaped (quote, backslash,
// control characters); UTF-8 passes through.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace hpsearch {

class JsonWriter {
public:
  JsonWriter();
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  /// The next member's name (inside an object).
  JsonWriter& key(std::string_view name);

  JsonWriter& null();
  JsonWriter& boolean(bool value);
  JsonWriter& integer(std::int64_t value);
  /// Shortest round-trip text, ".0" kept for integral values; null when not finite.
  JsonWriter& real(double value);
  JsonWriter& string(std::string_view text);

  /// The text written so far (one complete value once every object/array is closed).
  std::string text() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// `text` as a quoted JSON string.
std::string json_string(std::string_view text);

} // namespace hpsearch
