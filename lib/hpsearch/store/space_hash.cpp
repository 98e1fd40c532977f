#include "hpsearch/store/space_hash.hpp"

#include <cstdio>

namespace hpsearch {

std::string canonical_space_text(const SearchSpace& space) {
  static constexpr char kKindLetters[] = {'i', 'r', 'b', 's'}; // Value alternative order
  std::string text;
  for (const auto& p : space.parameters()) {
    text += p.name + '\t' + p.describe();
    if (p.kind == ParamKind::categorical) {
      text += "\tkinds=";
      for (std::size_t i = 0; i < p.choices.size(); ++i) {
        if (i > 0) text += ',';
        text += kKindLetters[p.choices[i].index()];
      }
    }
    text += '\n';
  }
  return text;
}

std::uint64_t space_hash(const SearchSpace& space) {
  std::uint64_t hash = 0xcbf29ce484222325ULL; // FNV-1a 64 offset basis
  for (const char c : canonical_space_text(space)) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL; // FNV-1a 64 prime
  }
  return hash;
}

std::string space_hash_hex(const SearchSpace& space) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(space_hash(space)));
  return buf;
}

} // namespace hpsearch
