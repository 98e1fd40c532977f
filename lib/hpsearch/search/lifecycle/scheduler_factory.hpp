#pragma once
// make_scheduler: the Scheduler a search runs on. Every full-fidelity strategy (random,
// grid, AMBS, ...) runs under a FullFidelityScheduler with the stopping rule
// `search.pruner`; a multi-fidelity kind (search/multifidelity) takes the strategy as its
// sampler. The one place where a search's kind picks its scheduler.
#include "hpsearch/core/curve_point.hpp"
#include "hpsearch/core/direction.hpp"
#include "hpsearch/search/lifecycle/scheduler.hpp"
#include "hpsearch/search/multifidelity/multifidelity_options.hpp"
#include "hpsearch/search/pbt/replay_scheduler.hpp"
#include "hpsearch/search/pruner/pruner_options.hpp"
#include "hpsearch/search/strategy.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace hpsearch {

struct SchedulerSpec {
  /// The full-fidelity strategy, or the sampler of a multi-fidelity scheduler; must outlive
  /// the scheduler.
  Strategy& strategy;
  Direction direction = Direction::minimize;
  PrunerOptions pruner = {}; ///< full-fidelity searches only
  std::optional<MultiFidelityOptions> multifidelity =
      std::nullopt; ///< nullopt: a full-fidelity search
  /// A resumed search: the first job id not used yet, and the learning curves of the jobs
  /// earlier allocations finished (the stopping rule judges new jobs against them).
  TrialId first_trial = 0;
  std::uint64_t seed = 42; ///< run.seed: a multi-fidelity scheduler's own draws
  std::span<const CurvePoint> curves = {};
  /// The search space: population-based training explores in it (must outlive the
  /// scheduler); nullptr for every other kind.
  const SearchSpace* space = nullptr;
  /// strategy replay: the recorded schedule (runtime/replay_source.hpp); empty otherwise.
  std::vector<ReplaySegment> replay = {};
};

/// Throws hpsearch::Error (bad_input) on settings the scheduler cannot run with, and for a
/// multi-fidelity kind not built yet.
std::unique_ptr<Scheduler> make_scheduler(const SchedulerSpec& spec);

} // namespace hpsearch
