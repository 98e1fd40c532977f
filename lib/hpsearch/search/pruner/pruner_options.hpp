#pragma once
// PrunerOptions: which early-stopping rule (`search.pruner`) and its settings, as plain
// values with their defaults; the names a problem file may use. The direction is the
// objective's, given separately. Config parses straight into this (DESIGN.md §2).
#include "hpsearch/core/registry.hpp"

#include <array>
#include <cstdint>

namespace hpsearch {

enum class PrunerKind { none, median };

inline constexpr Registry pruner_kinds{
    "pruner", std::array{Named{"none", PrunerKind::none}, Named{"median", PrunerKind::median}}};

struct PrunerOptions {
  PrunerKind kind = PrunerKind::none;
  double warmup = 0.0;       ///< median: no job is stopped at a step below this
  std::int64_t min_jobs = 5; ///< median: other jobs that must have reached a step to judge it

  bool operator==(const PrunerOptions&) const = default;
};

} // namespace hpsearch
