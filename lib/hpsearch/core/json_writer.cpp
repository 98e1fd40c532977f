#include "hpsearch/core/json_writer.hpp"

#include "hpsearch/core/rapidjson.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace hpsearch {

namespace {

/// RapidJSON output stream that puts a space after each ',' and ':' between values, as
/// Python's json.dumps does ({"lr": 0.01, "units": 64}): the text hpsearch has always
/// written, easier to read in a job directory. Commas and colons inside strings are
/// left alone (it follows the quotes and backslash escapes RapidJSON writes).
class SpacedText {
public:
  using Ch = char;

  void Put(char c) {
    text_ += c;
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
      }
    } else if (c == '"') {
      in_string_ = true;
    } else if (c == ',' || c == ':') {
      text_ += ' ';
    }
  }
  void Flush() {}
  const std::string& text() const { return text_; }

private:
  std::string text_;
  bool in_string_ = false;
  bool escaped_ = false;
};

/// RapidJSON's Writer returns false when a call breaks JSON's grammar (a value where a key
/// is due, a close without an open): a bug in the caller, not bad input.
void check(bool ok, const char* what) {
  if (!ok) throw Error::internal(std::string("JsonWriter: ") + what + " out of place");
}

} // namespace

struct JsonWriter::Impl {
  SpacedText buffer;
  rapidjson::Writer<SpacedText> writer{buffer};
};

JsonWriter::JsonWriter() : impl_(std::make_unique<Impl>()) {}
JsonWriter::~JsonWriter() = default;

JsonWriter& JsonWriter::begin_object() {
  check(impl_->writer.StartObject(), "begin_object");
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  check(impl_->writer.EndObject(), "end_object");
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  check(impl_->writer.StartArray(), "begin_array");
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  check(impl_->writer.EndArray(), "end_array");
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  check(impl_->writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()), true), "key");
  return *this;
}

JsonWriter& JsonWriter::null() {
  check(impl_->writer.Null(), "null");
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  check(impl_->writer.Bool(value), "boolean");
  return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t value) {
  check(impl_->writer.Int64(value), "integer");
  return *this;
}

JsonWriter& JsonWriter::real(double value) {
  if (!std::isfinite(value)) return null();
  // std::to_chars gives the shortest text that reads back exactly (RapidJSON's Grisu2 is
  // round-trip but not always shortest).
  std::array<char, 32> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size() - 2, value);
  if (std::string_view(buffer.data(), static_cast<std::size_t>(end - buffer.data()))
          .find_first_of(".eE") == std::string_view::npos) {
    *end++ = '.';
    *end++ = '0';
  }
  check(ec == std::errc() &&
            impl_->writer.RawValue(buffer.data(),
                                   static_cast<rapidjson::SizeType>(end - buffer.data()),
                                   rapidjson::kNumberType),
        "real");
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  check(impl_->writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()), true),
        "string");
  return *this;
}

std::string JsonWriter::text() const {
  return impl_->buffer.text();
}

std::string json_string(std::string_view text) {
  JsonWriter writer;
  writer.string(text);
  return writer.text();
}

} // namespace hpsearch
