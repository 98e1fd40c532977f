#include "hpsearch/search/pruner/pruner_factory.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/search/pruner/median_pruner.hpp"

#include <string>

namespace hpsearch {

std::unique_ptr<Pruner> make_pruner(const PrunerOptions& options, Direction direction) {
  switch (options.kind) {
  case PrunerKind::none:
    return nullptr;
  case PrunerKind::median:
    return std::make_unique<MedianPruner>(
        MedianPrunerOptions{direction, options.warmup, options.min_jobs});
  }
  throw Error::internal("make_pruner: no rule for pruner kind " +
                        std::to_string(static_cast<int>(options.kind)));
}

} // namespace hpsearch
