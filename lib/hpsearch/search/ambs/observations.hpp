#pragma once
// Observations: what AMBS has learnt so far (finished evaluations, as encoded rows and
// losses) and what is in flight (pending proposals), with the duplicate filter over both.
//
// Losses: the objective for a minimized problem, its negation for a maximized one.
// training_set() turns them into the surrogate's targets: failures imputed by the
// failure policy, then the scaling applied, then the pending rows with their lie.
//
// Fidelities (a multi-fidelity scheduler's sampler, DESIGN.md §5b): each result carries the
// fidelity it was reached at (0 for every result of a full-fidelity search). The model is
// fitted on one fidelity only, BOHB's rule (Falkner et al. 2018): the largest fidelity with
// at least d + 1 usable results (d = the space's dimension), else on every result. A
// full-fidelity search has one fidelity, so its training set is all results, as before.
// With the fidelity model `input` and a known fidelity range (ambs_options.hpp,
// fidelity_feature.hpp) the model fits on every result instead, the fidelity as one more column;
// pending rows (the lies) and the candidates (scored_rows) sit at max_fidelity (column 1), and the
// best target and the local-search parents come from every result.
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/direction.hpp"
#include "hpsearch/core/status.hpp"
#include "hpsearch/search/ambs/ambs_options.hpp"
#include "hpsearch/space/search_space.hpp"

#include <Eigen/Core>
#include <cstddef>
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace hpsearch {

class Observations {
public:
  Observations(const SearchSpace& space, Encoding model_encoding, Direction direction,
               FailurePolicy failures, Scaling scaling,
               FidelityModel fidelity_model = FidelityModel::largest,
               FidelityRange fidelities = {});

  /// A finished evaluation, reached at `fidelity`. Removes one matching pending entry, if any.
  void add(const Config& config, Status status, double objective, double fidelity = 0.0);
  void add_pending(const Config& config);
  /// Removes the oldest pending entry equal to `config`; false when there is none. O(1)
  /// amortized: the entry's slot is found through its key and left as a hole; the holes are
  /// compacted away once they outnumber the pending entries. The order of the others stays.
  bool remove_pending(const Config& config);
  void clear_pending();
  /// True when a configuration with this index encoding was observed or is pending.
  bool known(const Eigen::VectorXd& index_encoded) const;

  std::size_t size() const { return losses_.size(); }
  /// Observations with a usable (finite) loss.
  std::size_t usable() const { return usable_; }
  /// The pending configurations, oldest first (the order add_pending saw them in).
  std::vector<Config> pending() const;
  std::size_t pending_size() const { return pending_live_; }
  Encoding model_encoding() const { return model_encoding_; }
  /// True when the model's last column is the fidelity (fidelity model input, range known).
  bool fidelity_column() const { return fidelity_column_; }
  /// Candidates' model rows at max_fidelity: `encoded` (one row per candidate, model
  /// encoding) with the fidelity column (1) appended when there is one.
  Eigen::MatrixXd scored_rows(Eigen::MatrixXd encoded) const;
  /// The fidelity the model is fitted on (BOHB's rule), or NaN while no fidelity has enough
  /// usable results (then every result is used).
  double fit_fidelity() const { return fit_fidelity_; }

  /// The surrogate's training set: observed rows (failures imputed or dropped, scaled),
  /// then, when `with_lies`, each pending row with the lie `multipoint` asks for.
  void training_set(Multipoint multipoint, bool with_lies, Eigen::MatrixXd& x,
                    Eigen::VectorXd& y) const;
  /// Lowest training target among the observed rows (scaled), for EI / PI.
  double best_target() const;
  /// Index-encoded rows of the `k` observations with the lowest loss.
  std::vector<Eigen::VectorXd> best_rows(std::size_t k) const;

  static std::string key_of(const Eigen::VectorXd& index_encoded);

private:
  /// The model row of `config` reached at `fidelity` (the fidelity column appended if any).
  Eigen::VectorXd model_row(const Config& config, double fidelity) const;
  /// Whether row i is in the training set (its fidelity is fit_fidelity_, or NaN).
  bool fitted_row(std::size_t i) const;
  /// Targets of the observed rows (NaN where dropped), after imputation and scaling.
  std::vector<double> targets() const;
  /// Drops the holes of pending_slots_, keeping the order; renumbers pending_keys_.
  void compact_pending();

  SearchSpace space_;
  Encoding model_encoding_;
  Direction direction_;
  FailurePolicy failures_;
  Scaling scaling_;
  FidelityRange fidelities_range_;
  bool fidelity_column_;
  std::vector<Eigen::VectorXd> rows_;       ///< model encoding (and fidelity column)
  std::vector<Eigen::VectorXd> index_rows_; ///< index encoding (local search, keys)
  std::vector<double> losses_;              ///< NaN for a failure
  std::vector<double> fidelities_;          ///< the fidelity of each result
  std::map<double, std::size_t> usable_at_; ///< usable results per fidelity
  double fit_fidelity_ = std::numeric_limits<double>::quiet_NaN();
  std::size_t usable_ = 0;
  std::vector<Config> pending_slots_;   ///< pending, oldest first, with holes
  std::vector<bool> pending_slot_live_; ///< false for a hole
  std::size_t pending_live_ = 0;        ///< live slots
  std::unordered_set<std::string> observed_keys_;
  /// Index-encoding key -> the live slots holding it, in increasing order.
  std::unordered_map<std::string, std::vector<std::size_t>> pending_keys_;
};

} // namespace hpsearch
