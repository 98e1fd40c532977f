#pragma once
// PrunerOptions: which early-stopping rule (`search.pruner`) and its settings, as plain
// values with their defaults. The direction is the objective's, given separately.
#include <cstdint>
#include <string>

namespace hpsearch {

struct PrunerOptions {
  std::string name = "none"; ///< none | median (pruner_factory.hpp)
  double warmup = 0.0;       ///< median: no job is stopped at a step below this
  std::int64_t min_jobs = 5; ///< median: other jobs that must have reached a step to judge it
};

} // namespace hpsearch
