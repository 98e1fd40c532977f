#include "hpsearch/store/space_hash.hpp"

#include "hpsearch/core/fnv1a.hpp"

#include <cstdio>
#include <utility>

namespace hpsearch {

std::string canonical_space_text(const SearchSpace& space) {
  static constexpr char kKindLetters[] = {'i', 'r', 'b', 's'}; // Value alternative order
  std::string text;
  for (const auto& p : space.parameters()) {
    text += p.name + '\t' + p.describe();
    if (p.kind != ParamKind::real && p.kind != ParamKind::integer) {
      text += "\tkinds=";
      for (std::size_t i = 0; i < p.choices.size(); ++i) {
        if (i > 0) text += ',';
        text += kKindLetters[p.choices[i].index()];
      }
    }
    if (p.active_if) text += "\tif=" + p.active_if->describe();
    text += '\n';
  }
  return text;
}

namespace {

/// name -> rest of the line, in order.
std::vector<std::pair<std::string, std::string>> lines_of(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(pos, end - pos);
    const auto tab = line.find('\t');
    out.emplace_back(line.substr(0, tab), tab == std::string::npos ? "" : line.substr(tab + 1));
    pos = end + 1;
  }
  return out;
}

std::string readable(std::string text) {
  for (auto& c : text) {
    if (c == '\t') c = ' ';
  }
  return text;
}

} // namespace

std::vector<std::string> space_differences(const std::string& before, const std::string& after) {
  const auto old_lines = lines_of(before);
  const auto new_lines = lines_of(after);
  auto find = [](const auto& lines, const std::string& name) -> const std::string* {
    for (const auto& [n, rest] : lines) {
      if (n == name) return &rest;
    }
    return nullptr;
  };
  std::vector<std::string> out;
  for (const auto& [name, rest] : old_lines) {
    const std::string* now = find(new_lines, name);
    if (now == nullptr) {
      out.push_back("parameter '" + name + "' was removed (was " + readable(rest) + ")");
    } else if (*now != rest) {
      out.push_back("parameter '" + name + "' changed from " + readable(rest) + " to " +
                    readable(*now));
    }
  }
  for (const auto& [name, rest] : new_lines) {
    if (find(old_lines, name) == nullptr) {
      out.push_back("parameter '" + name + "' was added (" + readable(rest) + ")");
    }
  }
  if (out.empty() && before != after) out.push_back("the parameters were reordered");
  return out;
}

std::uint64_t space_hash(const SearchSpace& space) {
  return fnv1a64(canonical_space_text(space));
}

std::string space_hash_hex(const SearchSpace& space) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(space_hash(space)));
  return buf;
}

} // namespace hpsearch
