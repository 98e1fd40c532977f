#include "hpsearch/search/ambs/legacy_config_text.hpp"

#include "hpsearch/core/error.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace hpsearch {

namespace {

std::string read_string(std::istream& in) {
  std::size_t n = 0;
  char colon = 0;
  if (!(in >> n) || !in.get(colon) || colon != ':')
    throw Error::input("strategy state: bad string");
  std::string s(n, '\0');
  if (!in.read(s.data(), static_cast<std::streamsize>(n)))
    throw Error::input("strategy state: bad string");
  return s;
}

} // namespace

Config read_legacy_config(std::istream& in) {
  std::size_t n = 0;
  if (!(in >> n)) throw Error::input("strategy state: bad configuration");
  Config config;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string name = read_string(in >> std::ws);
    char type = 0;
    in >> type;
    Value value;
    if (type == 'i') {
      std::int64_t x = 0;
      in >> x;
      value = x;
    } else if (type == 'd') {
      std::string text;
      in >> text;
      char* end = nullptr;
      value = std::strtod(text.c_str(), &end);
      if (end == text.c_str()) throw Error::input("strategy state: bad number '" + text + "'");
    } else if (type == 'b') {
      int x = 0;
      in >> x;
      value = x != 0;
    } else if (type == 's') {
      value = read_string(in >> std::ws);
    } else {
      throw Error::input("strategy state: bad value type");
    }
    if (!in) throw Error::input("strategy state: truncated configuration");
    config.set(name, std::move(value));
  }
  return config;
}

} // namespace hpsearch
