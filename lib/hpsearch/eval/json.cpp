#include "hpsearch/eval/json.hpp"

#include "hpsearch/core/json_writer.hpp"

#include <vector>

namespace hpsearch {

namespace {

constexpr unsigned kFlags = rapidjson::kParseIterativeFlag |     // no recursion: deep input
                            rapidjson::kParseNanAndInfFlag |     // Python's NaN, Infinity
                            rapidjson::kParseFullPrecisionFlag | // the double Python meant
                            rapidjson::kParseValidateEncodingFlag;

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
  out.document.Parse<kFlags>(text.data(), text.size());
  if (out.document.HasParseError()) {
    out.error = "at byte " + std::to_string(out.document.GetErrorOffset()) + ": " +
                rapidjson::GetParseError_En(out.document.GetParseError());
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
