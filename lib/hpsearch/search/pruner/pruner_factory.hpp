#pragma once
// The pruners by name. A tiny factory until the name registry (core/registry.hpp) lands;
// a new rule adds one line here.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/search/pruner/pruner.hpp"
#include "hpsearch/search/pruner/pruner_options.hpp"

#include <memory>
#include <span>
#include <string_view>

namespace hpsearch {

/// none, median.
std::span<const std::string_view> pruner_names();

/// The pruner options.name names, judging by `direction`; nullptr for "none". Throws
/// hpsearch::Error for an unknown name (listing the known ones) or bad settings.
std::unique_ptr<Pruner> make_pruner(const PrunerOptions& options, Direction direction);

} // namespace hpsearch
