#include "hpsearch/eval/json.hpp"

#include "hpsearch/core/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <vector>

namespace hpsearch {

namespace {

// Numbers reach the document as text (kParseNumbersAsStringsFlag) and NumberConverter turns
// them into numbers with std::from_chars, correctly rounded (the double Python meant).
// RapidJSON 1.1.0's own full-precision conversion (kParseFullPrecisionFlag) has undefined
// behaviour on a zero significand with a large exponent: "0e125" calls
// __builtin_clzll(0) in DiyFp::Normalize (found by tests/fuzz, fuzz_command_output).
// RapidJSON still checks the number's grammar and refuses exponents beyond 308.
constexpr unsigned kFlags = rapidjson::kParseIterativeFlag |        // no recursion: deep input
                            rapidjson::kParseNanAndInfFlag |        // Python's NaN, Infinity
                            rapidjson::kParseNumbersAsStringsFlag | // NumberConverter
                            rapidjson::kParseValidateEncodingFlag;

/// The reader's events, passed on to the document, with each number (as text) converted.
class NumberConverter {
public:
  explicit NumberConverter(rapidjson::Document& document) : document_(document) {}

  /// A number beyond a double was refused (the reader then stops with
  /// kParseErrorTermination at the number's offset).
  bool too_big() const { return too_big_; }

  bool RawNumber(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    const std::string_view number(text, length);
    const bool minus = number.starts_with('-');
    const std::string_view magnitude = number.substr(minus ? 1 : 0);
    if (magnitude.starts_with('N'))
      return document_.Double(std::numeric_limits<double>::quiet_NaN());
    if (magnitude.starts_with('I')) {
      const double infinity = std::numeric_limits<double>::infinity();
      return document_.Double(minus ? -infinity : infinity);
    }
    const char* end = number.data() + number.size();
    if (number.find_first_of(".eE") == std::string_view::npos) {
      std::int64_t signed_value = 0;
      if (const auto [ptr, ec] = std::from_chars(number.data(), end, signed_value);
          ec == std::errc() && ptr == end) {
        return document_.Int64(signed_value);
      }
      std::uint64_t unsigned_value = 0;
      if (const auto [ptr, ec] = std::from_chars(number.data(), end, unsigned_value);
          !minus && ec == std::errc() && ptr == end) {
        return document_.Uint64(unsigned_value);
      }
    }
    double value = 0.0;
    const auto [ptr, ec] = std::from_chars(number.data(), end, value);
    if (ec == std::errc() && ptr == end) return document_.Double(value);
    if (ec != std::errc::result_out_of_range || ptr != end) return false; // not RapidJSON's grammar
    // Out of range: beyond a double (refused), or below its smallest subnormal: then the
    // nearest value long double gives (0 or a subnormal, as strtod), or a signed 0 when even
    // long double underflows (a large negative exponent).
    long double wide = 0.0L;
    const auto [wide_ptr, wide_ec] = std::from_chars(number.data(), end, wide);
    if (wide_ec == std::errc() && wide_ptr == end &&
        std::fabs(wide) <= static_cast<long double>(std::numeric_limits<double>::max())) {
      return document_.Double(static_cast<double>(wide));
    }
    const std::size_t exponent = number.find_first_of("eE");
    if (wide_ec == std::errc::result_out_of_range && exponent != std::string_view::npos &&
        number.substr(exponent + 1).starts_with('-')) {
      return document_.Double(minus ? -0.0 : 0.0);
    }
    too_big_ = true;
    return false;
  }

  // The numbers arrive through RawNumber only (kParseNumbersAsStringsFlag).
  bool Int(int value) { return document_.Int(value); }
  bool Uint(unsigned value) { return document_.Uint(value); }
  bool Int64(std::int64_t value) { return document_.Int64(value); }
  bool Uint64(std::uint64_t value) { return document_.Uint64(value); }
  bool Double(double value) { return document_.Double(value); }

  bool Null() { return document_.Null(); }
  bool Bool(bool value) { return document_.Bool(value); }
  bool String(const char* text, rapidjson::SizeType length, bool copy) {
    return document_.String(text, length, copy);
  }
  bool StartObject() { return document_.StartObject(); }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) {
    return document_.Key(text, length, copy);
  }
  bool EndObject(rapidjson::SizeType members) { return document_.EndObject(members); }
  bool StartArray() { return document_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) { return document_.EndArray(elements); }

private:
  rapidjson::Document& document_;
  bool too_big_ = false;
};

/// Parses `text` into the document Populate() hands it (GenericDocument::Populate keeps the
/// value when this returns true); `result` and `too_big` say why not.
struct JsonGenerator {
  std::string_view text;
  rapidjson::ParseResult result;
  bool too_big = false;

  bool operator()(rapidjson::Document& document) {
    rapidjson::MemoryStream memory(text.data(), text.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> input(memory);
    NumberConverter handler(document);
    rapidjson::Reader reader;
    result = reader.Parse<kFlags>(input, handler);
    too_big = handler.too_big();
    return !result.IsError();
  }
};

/// Whether `text` (UTF-8, as the validating parser leaves it) encodes a UTF-16 surrogate
/// (U+D800..U+DFFF: bytes ED A0..BF). RapidJSON 1.1.0 refuses a lone high surrogate escape
/// but encodes a lone low one (\uDC00) as such bytes, which are not UTF-8.
bool has_surrogate(const char* text, rapidjson::SizeType length) {
  for (rapidjson::SizeType i = 0; i + 1 < length; ++i) {
    if (static_cast<unsigned char>(text[i]) == 0xED &&
        static_cast<unsigned char>(text[i + 1]) >= 0xA0) {
      return true;
    }
  }
  return false;
}

/// Depth and string checks, walked with an explicit stack (the value may be deep).
std::string check_tree(const rapidjson::Value& root) {
  std::vector<std::pair<const rapidjson::Value*, int>> todo{{&root, 1}};
  while (!todo.empty()) {
    const auto [value, depth] = todo.back();
    todo.pop_back();
    if (depth > kMaxJsonDepth) {
      return "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    }
    if (value->IsString() && has_surrogate(value->GetString(), value->GetStringLength())) {
      return "a string holds a lone UTF-16 surrogate escape (\\uD800-\\uDFFF)";
    }
    if (value->IsArray()) {
      for (const auto& item : value->GetArray()) todo.emplace_back(&item, depth + 1);
    } else if (value->IsObject()) {
      for (const auto& member : value->GetObject()) {
        todo.emplace_back(&member.name, depth + 1);
        todo.emplace_back(&member.value, depth + 1);
      }
    }
  }
  return {};
}

void write(JsonWriter& out, const rapidjson::Value& value) {
  switch (value.GetType()) {
  case rapidjson::kNullType:
    out.null();
    break;
  case rapidjson::kFalseType:
  case rapidjson::kTrueType:
    out.boolean(value.GetBool());
    break;
  case rapidjson::kNumberType:
    if (value.IsInt64()) {
      out.integer(value.GetInt64());
    } else {
      out.real(value.GetDouble());
    }
    break;
  case rapidjson::kStringType:
    out.string({value.GetString(), value.GetStringLength()});
    break;
  case rapidjson::kArrayType:
    out.begin_array();
    for (const auto& item : value.GetArray()) write(out, item);
    out.end_array();
    break;
  case rapidjson::kObjectType:
    out.begin_object();
    for (const auto& member : value.GetObject()) {
      out.key({member.name.GetString(), member.name.GetStringLength()});
      write(out, member.value);
    }
    out.end_object();
    break;
  }
}

} // namespace

ParsedJson parse_json(std::string_view text) {
  ParsedJson out;
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    // RapidJSON would take a NUL byte for the end of the text; JSON text holds none.
    out.error = "at byte " + std::to_string(nul) + ": a NUL byte";
    return out;
  }
  JsonGenerator generator{text, {}, false};
  out.document.Populate(generator);
  if (generator.result.IsError()) {
    const rapidjson::ParseErrorCode code =
        generator.too_big ? rapidjson::kParseErrorNumberTooBig : generator.result.Code();
    out.error = "at byte " + std::to_string(generator.result.Offset()) + ": " +
                rapidjson::GetParseError_En(code);
  } else if (std::string problem = check_tree(out.document); !problem.empty()) {
    out.error = std::move(problem);
  }
  if (!out.ok()) out.document.SetNull();
  return out;
}

const rapidjson::Value* last_member(const rapidjson::Value& object, std::string_view key) {
  if (!object.IsObject()) return nullptr;
  const rapidjson::Value* found = nullptr;
  for (const auto& member : object.GetObject()) {
    if (std::string_view(member.name.GetString(), member.name.GetStringLength()) == key) {
      found = &member.value;
    }
  }
  return found;
}

std::string to_json(const rapidjson::Value& value) {
  JsonWriter out;
  write(out, value);
  return out.text();
}

} // namespace hpsearch
