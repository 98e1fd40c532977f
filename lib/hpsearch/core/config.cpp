#include "hpsearch/core/config.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>

namespace hpsearch {

void Config::set(const std::string& name, Value value) {
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const Entry& e) { return e.first == name; });
  if (it != entries_.end()) {
    it->second = std::move(value);
  } else {
    entries_.emplace_back(name, std::move(value));
  }
}

const Value* Config::find(const std::string& name) const {
  for (const auto& [key, value] : entries_) {
    if (key == name) return &value;
  }
  return nullptr;
}

const Value& Config::at(const std::string& name) const {
  if (const Value* v = find(name)) return *v;
  throw Error::input("configuration has no parameter '" + name + "'");
}

std::string Config::to_string() const {
  std::string out;
  for (const auto& [key, value] : entries_) {
    if (!out.empty()) out += ' ';
    out += key + '=' + hpsearch::to_string(value);
  }
  return out;
}

} // namespace hpsearch
