#pragma once
// An environment for the scheduler tests: a map read as EnvLookup (an empty value counts as
// unset, as the real lookup does).
#include "hpsearch/sched/scheduler.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>

namespace hpsearch::test {

inline EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
}

} // namespace hpsearch::test
