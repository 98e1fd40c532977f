#include "hpsearch/space/space_split.hpp"

#include "hpsearch/core/error.hpp"

#include <string>

namespace hpsearch {

bool has_prefix(std::string_view name, std::string_view prefix) {
  return name.substr(0, prefix.size()) == prefix;
}

SpaceSplit split_space(const SearchSpace& space, std::string_view prefix) {
  const auto side = [&](std::string_view name) {
    return has_prefix(name, prefix) ? "a '" + std::string(prefix) + "' parameter"
                                    : "a parameter outside '" + std::string(prefix) + "'";
  };
  SpaceSplit split;
  for (const Parameter& p : space.parameters()) {
    const bool matching = has_prefix(p.name, prefix);
    if (p.active_if) {
      for (const std::string& parent : p.active_if->parents()) {
        if (has_prefix(parent, prefix) != matching) {
          throw Error::input("parameter '" + p.name + "' (" + side(p.name) + ") is active_if on '" +
                             parent + "' (" + side(parent) +
                             "): conditions must stay within the '" + std::string(prefix) +
                             "' parameters or within the others");
        }
      }
    }
    (matching ? split.matching : split.rest).add(p);
  }
  for (const ForbiddenClause& clause : space.forbidden()) {
    const bool matching = has_prefix(clause.terms.front().first, prefix);
    for (const auto& term : clause.terms) {
      if (has_prefix(term.first, prefix) != matching) {
        throw Error::input("forbidden clause '" + clause.describe() + "' names '" +
                           clause.terms.front().first + "' (" + side(clause.terms.front().first) +
                           ") and '" + term.first + "' (" + side(term.first) +
                           "): a clause must stay within the '" + std::string(prefix) +
                           "' parameters or within the others");
      }
    }
    (matching ? split.matching : split.rest).add_forbidden(clause);
  }
  return split;
}

SpaceSplit split_space_in_two(const SearchSpace& space, std::string_view prefix,
                              std::string_view what) {
  SpaceSplit split = split_space(space, prefix);
  const std::string named = "parameters named '" + std::string(prefix) + "*'";
  if (split.matching.empty()) {
    throw Error::input(std::string(what) + " needs " + named + ", and this space has none");
  }
  if (split.rest.empty()) {
    throw Error::input(std::string(what) + " needs parameters besides the " + named +
                       ", and every parameter of this space is one");
  }
  return split;
}

Config config_part(const Config& config, std::string_view prefix, bool matching) {
  std::vector<Config::Entry> entries;
  for (const Config::Entry& entry : config.entries()) {
    if (has_prefix(entry.first, prefix) == matching) entries.push_back(entry);
  }
  return Config(std::move(entries));
}

Config join_configs(const SearchSpace& space, const Config& a, const Config& b) {
  std::vector<Config::Entry> entries;
  entries.reserve(a.size() + b.size());
  for (const Parameter& p : space.parameters()) {
    const Value* v = a.find(p.name);
    if (v == nullptr) v = b.find(p.name);
    if (v != nullptr) entries.emplace_back(p.name, *v);
  }
  return Config(std::move(entries));
}

} // namespace hpsearch
