#include "hpsearch/search/lifecycle/state_reader.hpp"

#include "hpsearch/core/error.hpp"

#include <iterator>

namespace hpsearch {

StateReader::StateReader(const std::string& state, std::string what)
    : in_(state), what_(std::move(what)) {}

void StateReader::corrupt(const std::string& detail) const {
  throw Error::input(what_ + " is corrupt: " + detail);
}

std::string StateReader::line(const char* what) {
  std::string out;
  if (!std::getline(in_, out)) corrupt(std::string("missing ") + what);
  return out;
}

std::vector<std::string_view> StateReader::fields(const std::string& line, std::size_t count,
                                                  const char* what) const {
  std::vector<std::string_view> tokens = split_tokens(line);
  if (tokens.size() != count) corrupt(std::string("bad ") + what + " line '" + line + "'");
  return tokens;
}

std::size_t StateReader::count(std::string_view name) {
  const std::string text = line(std::string(name).c_str());
  const std::vector<std::string_view> tokens = split_tokens(text);
  if (tokens.size() != 2 || tokens[0] != name) corrupt("expected '" + std::string(name) + "'");
  return number<std::size_t>(tokens[1], "count");
}

std::string StateReader::rest() {
  return {std::istreambuf_iterator<char>(in_), std::istreambuf_iterator<char>()};
}

} // namespace hpsearch
