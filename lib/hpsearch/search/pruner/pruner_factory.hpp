#pragma once
// The pruners: options.kind (named in pruner_options.hpp's pruner_kinds) -> the rule. A new
// rule adds its name there and its case here.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/search/pruner/pruner.hpp"
#include "hpsearch/search/pruner/pruner_options.hpp"

#include <memory>

namespace hpsearch {

/// The pruner options.kind names, judging by `direction`; nullptr for none. Throws
/// hpsearch::Error on bad settings.
std::unique_ptr<Pruner> make_pruner(const PrunerOptions& options, Direction direction);

} // namespace hpsearch
