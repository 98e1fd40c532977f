#include "hpsearch/search/pruner/pruner_factory.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/search/pruner/median_pruner.hpp"

#include <array>

namespace hpsearch {

namespace {

constexpr std::array<std::string_view, 2> names = {"none", "median"};

} // namespace

std::span<const std::string_view> pruner_names() {
  return names;
}

std::unique_ptr<Pruner> make_pruner(const PrunerOptions& options, Direction direction) {
  if (options.name == "none") return nullptr;
  if (options.name == "median") {
    return std::make_unique<MedianPruner>(
        MedianPrunerOptions{direction, options.warmup, options.min_jobs});
  }
  std::string known;
  for (const std::string_view name : names)
    known += (known.empty() ? "" : ", ") + std::string(name);
  throw Error::input("unknown pruner '" + options.name + "' (expected one of " + known + ")");
}

} // namespace hpsearch
