#include "hpsearch/core/config_text.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <system_error>

namespace hpsearch {

namespace {

[[noreturn]] void malformed(const std::string& what) {
  throw Error::input("configuration text: " + what);
}

template <class T> T number(std::string_view text, const char* what) {
  const auto value = number_token<T>(text);
  if (!value) malformed(std::string(what) + " '" + std::string(text) + "' is not a number");
  return *value;
}

Value parse_value(std::string_view type, std::string_view text) {
  if (type == "i") return number<std::int64_t>(text, "an int value");
  if (type == "r") return number<double>(text, "a real value");
  if (type == "b") return text == "1";
  if (type == "s") return unescape_token(text);
  malformed("unknown value type '" + std::string(type) + "'");
}

} // namespace

std::string real_token(double x) {
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, p);
}

std::string escape_token(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '%' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

std::string unescape_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] != '%') {
      out += token[i];
      continue;
    }
    unsigned value = 0;
    if (i + 2 >= token.size()) malformed("bad escape in '" + std::string(token) + "'");
    auto [p, ec] = std::from_chars(token.data() + i + 1, token.data() + i + 3, value, 16);
    if (ec != std::errc{} || p != token.data() + i + 3) {
      malformed("bad escape in '" + std::string(token) + "'");
    }
    out += static_cast<char>(value);
    i += 2;
  }
  return out;
}

std::vector<std::string_view> split_tokens(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos <= line.size()) {
    const auto end = std::min(line.find(' ', pos), line.size());
    out.push_back(line.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

void append_config_text(std::string& out, const Config& config) {
  out += std::to_string(config.size());
  for (const auto& [name, value] : config.entries()) {
    out += ' ' + escape_token(name) + ' ';
    switch (value.index()) {
    case 0:
      out += "i " + std::to_string(std::get<std::int64_t>(value));
      break;
    case 1:
      out += "r " + real_token(std::get<double>(value));
      break;
    case 2:
      out += std::get<bool>(value) ? "b 1" : "b 0";
      break;
    default:
      out += "s " + escape_token(std::get<std::string>(value));
      break;
    }
  }
}

std::string config_text(const Config& config) {
  std::string out;
  append_config_text(out, config);
  return out;
}

std::size_t config_token_count(std::span<const std::string_view> tokens) {
  if (tokens.empty()) malformed("no parameter count");
  const auto n = number<std::size_t>(tokens[0], "the parameter count");
  if (n > tokens.size()) malformed("parameter count " + std::to_string(n) + " exceeds the line");
  return 1 + 3 * n;
}

Config parse_config_tokens(std::span<const std::string_view> tokens) {
  const std::size_t count = config_token_count(tokens);
  if (tokens.size() != count) {
    malformed(std::to_string(tokens.size()) + " tokens where the count says " +
              std::to_string(count));
  }
  Config config;
  for (std::size_t i = 1; i < count; i += 3) {
    config.set(unescape_token(tokens[i]), parse_value(tokens[i + 1], tokens[i + 2]));
  }
  return config;
}

Config parse_config_text(std::string_view line) {
  const auto tokens = split_tokens(line);
  return parse_config_tokens(tokens);
}

} // namespace hpsearch
