#include "hpsearch/eval/json.hpp"

#include "hpsearch/core/value.hpp"
#include "hpsearch/eval/config_json.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

namespace hpsearch {

namespace {

constexpr int kMaxDepth = 64;

class Parser {
public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::optional<Json> document() {
    Json value;
    if (!parse_value(value, 0)) return std::nullopt;
    skip_space();
    if (at_ != text_.size()) return std::nullopt;
    return value;
  }

private:
  std::string_view text_;
  std::size_t at_ = 0;

  void skip_space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r'))
      ++at_;
  }
  bool take(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }

  bool parse_value(Json& out, int depth) {
    skip_space();
    if (at_ >= text_.size() || depth > kMaxDepth) return false;
    const char c = text_[at_];
    if (c == '{') return parse_object(out, depth);
    if (c == '[') return parse_array(out, depth);
    if (c == '"') {
      out.kind = Json::Kind::string;
      return parse_string(out.string);
    }
    if (take("true") || take("false")) {
      out.kind = Json::Kind::boolean;
      out.boolean = c == 't';
      return true;
    }
    if (take("null")) return true;
    out.kind = Json::Kind::number;
    if (take("NaN")) {
      out.number = std::numeric_limits<double>::quiet_NaN();
      return true;
    }
    if (take("Infinity") || take("-Infinity")) {
      out.number = c == '-' ? -HUGE_VAL : HUGE_VAL;
      return true;
    }
    return parse_number(out.number);
  }

  bool parse_number(double& out) {
    const std::size_t start = at_;
    if (at_ < text_.size() && text_[at_] == '-') ++at_;
    const auto digits = [&] {
      const std::size_t from = at_;
      while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
      return at_ > from;
    };
    if (!digits()) return false;
    if (at_ < text_.size() && text_[at_] == '.') {
      ++at_;
      if (!digits()) return false;
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (!digits()) return false;
    }
    const auto [end, ec] = std::from_chars(text_.data() + start, text_.data() + at_, out);
    // Out of range (1e999) reads as an infinity, like Python's float().
    if (ec == std::errc::result_out_of_range) out = text_[start] == '-' ? -HUGE_VAL : HUGE_VAL;
    return end == text_.data() + at_;
  }

  static void append_utf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  bool parse_hex4(std::uint32_t& code) {
    if (at_ + 4 > text_.size()) return false;
    const auto [end, ec] = std::from_chars(text_.data() + at_, text_.data() + at_ + 4, code, 16);
    if (ec != std::errc{} || end != text_.data() + at_ + 4) return false;
    at_ += 4;
    return true;
  }

  bool parse_string(std::string& out) {
    ++at_; // opening quote
    while (at_ < text_.size()) {
      const char c = text_[at_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_ >= text_.size()) return false;
      const char e = text_[at_++];
      switch (e) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        std::uint32_t code = 0;
        if (!parse_hex4(code)) return false;
        if (code >= 0xD800 && code < 0xDC00 && take("\\u")) {
          std::uint32_t low = 0;
          if (!parse_hex4(low) || low < 0xDC00 || low >= 0xE000) return false;
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, code);
        break;
      }
      default:
        return false;
      }
    }
    return false;
  }

  bool parse_array(Json& out, int depth) {
    out.kind = Json::Kind::array;
    ++at_;
    skip_space();
    if (take("]")) return true;
    while (true) {
      Json item;
      if (!parse_value(item, depth + 1)) return false;
      out.items.push_back(std::move(item));
      skip_space();
      if (take("]")) return true;
      if (!take(",")) return false;
    }
  }

  bool parse_object(Json& out, int depth) {
    out.kind = Json::Kind::object;
    ++at_;
    skip_space();
    if (take("}")) return true;
    while (true) {
      skip_space();
      std::string key;
      if (at_ >= text_.size() || text_[at_] != '"' || !parse_string(key)) return false;
      skip_space();
      if (!take(":")) return false;
      Json item;
      if (!parse_value(item, depth + 1)) return false;
      out.keys.push_back(std::move(key));
      out.items.push_back(std::move(item));
      skip_space();
      if (take("}")) return true;
      if (!take(",")) return false;
    }
  }
};

std::string number_text(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "Infinity" : "-Infinity";
  return to_string(Value{x});
}

} // namespace

const Json* Json::find(std::string_view key) const {
  for (std::size_t i = keys.size(); i-- > 0;) {
    if (keys[i] == key) return &items[i];
  }
  return nullptr;
}

std::optional<Json> parse_json(std::string_view text) {
  return Parser(text).document();
}

std::string to_json(const Json& value) {
  switch (value.kind) {
  case Json::Kind::null:
    return "null";
  case Json::Kind::boolean:
    return value.boolean ? "true" : "false";
  case Json::Kind::number:
    return number_text(value.number);
  case Json::Kind::string:
    return json_string(value.string);
  case Json::Kind::array: {
    std::string out = "[";
    for (std::size_t i = 0; i < value.items.size(); ++i) {
      out += (i ? "," : "") + to_json(value.items[i]);
    }
    return out + "]";
  }
  case Json::Kind::object: {
    std::string out = "{";
    for (std::size_t i = 0; i < value.items.size(); ++i) {
      out += (i ? "," : "") + json_string(value.keys[i]) + ":" + to_json(value.items[i]);
    }
    return out + "}";
  }
  }
  return "null";
}

} // namespace hpsearch
