#pragma once
// ReplayOptions: `search.strategy: replay` trains again, from scratch and alone, the
// hyperparameter schedule a population-based training member followed (issue 19; Ray Tune's
// PopulationBasedTrainingReplay): the lineage of one trial of a recorded checkpoint
// (store/lineage.hpp), each segment with the configuration in force, as one trial whose
// jobs change configuration at the recorded ready points (replay_scheduler.hpp).
#include <cstdint>
#include <string>

namespace hpsearch {

struct ReplayOptions {
  /// `replay_from`: the checkpoint (.h5) of a pbt or pb2 search, as written in the problem
  /// file; a relative path is relative to the problem file's directory.
  std::string from;
  /// `replay_trial`: the trial whose schedule is replayed (its lineage up to it); -1 (`best`):
  /// the best member's last trial (the best ok row at the highest fidelity reached).
  std::int64_t trial = -1;

  bool operator==(const ReplayOptions&) const = default;
};

} // namespace hpsearch
