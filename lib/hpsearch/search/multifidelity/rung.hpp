#pragma once
// Rung: the results recorded at one rung (one fidelity) of one bracket, in arrival order,
// and which of its trials were promoted from it. Both ASHA variants read it:
//   * promotion (Li et al. 2020, Algorithm 2): promotable() is the best not-yet-promoted
//     trial among the top `quota` of the rung; a failed result counts in the rung's size
//     and ranks last (HpBandSter's loss = infinity), so it is never promoted;
//   * stopping (Ray Tune's ASHAScheduler): cutoff() is the (1 - 1/eta) percentile of the
//     results so far (numpy's linear interpolation, "larger is better" scores).
// Ties rank by arrival: the earlier result is the better.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/core/trial.hpp"

#include <cstddef>
#include <optional>
#include <unordered_map>
#include <vector>

namespace hpsearch {

class Rung {
public:
  struct Entry {
    TrialId trial = -1;
    double value = 0.0; ///< the objective at the rung's fidelity (unused when !ok)
    bool ok = true;     ///< false: the job failed, timed out or was stopped before the rung
    bool promoted = false;

    friend bool operator==(const Entry&, const Entry&) = default;
  };

  explicit Rung(Direction direction) : direction_(direction) {}

  /// Appends a result (a trial is recorded at most once per rung: later calls are ignored).
  void record(TrialId trial, double value, bool ok);
  /// Restores an entry exactly as saved (promoted flag included).
  void restore(const Entry& entry);
  bool contains(TrialId trial) const { return position_.contains(trial); }
  void mark_promoted(TrialId trial);

  /// The best trial among the top `quota` of the rung not promoted yet, or nullopt.
  std::optional<TrialId> promotable(std::size_t quota) const;
  /// Ray's cutoff as a score (the value for maximize, its negation for minimize): the
  /// (1 - 1/eta) percentile of the scores of the ok results; nullopt when there are none.
  std::optional<double> cutoff(double eta) const;

  const std::vector<Entry>& entries() const { return entries_; }
  std::size_t size() const { return entries_.size(); }

private:
  double score_of(std::size_t entry) const;

  Direction direction_;
  std::vector<Entry> entries_;                        ///< arrival order
  std::vector<std::size_t> ranked_;                   ///< ok entries, best score first
  std::unordered_map<TrialId, std::size_t> position_; ///< trial -> its entry
};

/// "Larger is better" score of an objective value.
inline double score(Direction direction, double value) {
  return direction == Direction::maximize ? value : -value;
}

/// How many of `size` results are in the top 1/eta: floor(size / eta), or when no new
/// trial will ever come (the sampler ran out), ceil(size / eta), so that the best trial of
/// a finite set still reaches the last rung.
std::size_t top_quota(std::size_t size, double eta, bool sampler_exhausted);

} // namespace hpsearch
