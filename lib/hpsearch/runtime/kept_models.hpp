#pragma once
// KeptModels: the manager's side of run.keep_models (train/kept_model_options.hpp). Workers
// write the network of every job that ends ok to <trial_root>/models/eval-<id>.pt; after the
// rows of each event are durable, the manager ranks the ok results by objective and removes
// the files of the evaluations that are no longer among the best K. A resumed run starts
// from the checkpoint's ok rows: files of evaluations outside the best K, or with no ok row
// (a job in flight when the allocation ended), are removed. A removal that fails is a
// warning, never a failed search: the file only costs disk.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/runtime/actions.hpp"

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace hpsearch {

class KeptModels {
public:
  /// keep == 0: does nothing at all.
  KeptModels(std::string models_dir, std::int64_t keep, Direction direction);

  /// At the start of an allocation: `recorded` holds the (id, objective) of every ok row of
  /// earlier allocations (none for a fresh search).
  void start(const std::vector<std::pair<JobId, double>>& recorded, std::ostream& warn);
  /// After the rows of `actions` are durable: each ok Record joins the ranking.
  void record(const Actions& actions, std::ostream& warn);

  /// The ids whose models are kept, best first.
  std::vector<JobId> kept() const;

private:
  /// Ranks (id, objective); returns the id that dropped out of the best K, or -1.
  JobId rank(JobId id, double objective);
  void remove(JobId id, std::ostream& warn) const;

  std::string dir_;
  std::size_t keep_;
  Direction direction_;
  std::vector<std::pair<JobId, double>> best_; ///< best first, at most keep_
};

} // namespace hpsearch
