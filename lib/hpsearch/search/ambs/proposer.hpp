#pragma once
// Proposer: the deterministic heart of AMBS, single-threaded. next() returns the next
// configuration — from the initial design until it is used up (or while fewer than two
// evaluations have a usable value), then from the surrogate: fit on what was observed
// (plus constant-liar rows for the pending points), score candidates with the
// acquisition function, improve the best ones by local search on it
// (acquisition_search.hpp), take the best one not yet observed nor pending.
//
// Fidelities (a multi-fidelity scheduler's sampler): AmbsOptions::fidelity_model says what the
// model learns from (observations.hpp); with `input` the candidates are scored at
// max_fidelity.
//
// Refits: `incremental` (asynchronous mode) rebuilds only AmbsOptions::refit_fraction of a
// forest per new fit once AmbsOptions::incremental_from evaluations are in; otherwise every
// fit is a full fit, a function of the data and the fit's index only, so a resumed search
// rebuilds exactly the model it had.
//
// Reserve (asynchronous mode only): each proposal from the model also keeps the runners-up
// of its acquisition ranking, up to AmbsOptions::reserve, each at least kReserveSpacing of
// the unit cube's diagonal from the proposal and from one another, best first; AmbsStrategy
// hands them out while the helper fits, and they come back through adopt().
//
// Random streams: proposal p draws from derive_seed(seed, p) streams, so no random state
// other than the counters (and the initial design's sampler) has to be saved.
//
// The saved state is a Snapshot value: AmbsStrategy's helper thread takes one after each
// proposal, so that the manager thread can save the state without waiting for a fit.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/search/ambs/ambs_options.hpp"
#include "hpsearch/search/ambs/candidates.hpp"
#include "hpsearch/search/ambs/observations.hpp"
#include "hpsearch/space/sampling/sampler.hpp"
#include "hpsearch/space/sampling/sampler_options.hpp"
#include "hpsearch/surrogate/regressor.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hpsearch {

/// Per-column kinds of `space` under `encoding`, for the surrogate.
std::vector<FeatureKind> feature_kinds(const SearchSpace& space, Encoding encoding);

class Proposer {
public:
  /// Throws hpsearch::Error on invalid options (unknown surrogate, design, ...). `model`
  /// replaces the surrogate AmbsOptions::surrogate names (tests: a fit that can be held).
  Proposer(const SearchSpace& space, AmbsOptions options, const InitialDesign& initial,
           Direction direction, std::uint64_t seed, bool incremental,
           std::unique_ptr<Regressor> model = nullptr);

  /// The next configuration, already counted as pending; nullopt when no configuration
  /// that is neither observed nor pending could be found (an exhausted discrete space).
  std::optional<Config> next();
  /// A finished evaluation (proposed by this proposer or not), reached at `fidelity`
  /// (observations.hpp: the model fits on one fidelity).
  void tell(const Config& config, Status status, double objective, double fidelity = 0.0);
  /// Forgets a pending configuration that will never be told (no-op if unknown).
  void forget(const Config& config) { observations_.remove_pending(config); }
  /// A configuration handed out on the proposer's behalf (from its reserve, or sampled
  /// from the prior): pending from now on, and counted as a proposal.
  void adopt(const Config& config);
  /// Proposals left in the initial design (the next ones come from it, without a fit).
  std::int64_t design_left() const {
    return std::max<std::int64_t>(0, design_points_ - proposals_);
  }
  /// The reserve of the last proposal from the model (empty after a design proposal),
  /// moved out.
  std::vector<Config> take_reserve() { return std::exchange(reserve_, {}); }

  /// Everything save_state() writes, as values.
  struct Snapshot {
    std::int64_t proposals = 0;
    std::int64_t fits = 0;
    std::vector<Config> pending;
    std::vector<Config> elites;
    std::string design; ///< the initial design's sampler state
  };
  Snapshot snapshot() const;
  /// The text of `snapshot`, without the pending configurations in `not_pending` (one
  /// occurrence each: proposals nobody received, results told since the snapshot).
  static std::string encode(Snapshot snapshot, const std::vector<Config>& not_pending);

  /// Counters, the initial design's sampler state, the pending configurations (but those
  /// in `not_handed_out`, proposals nobody received) and the elite candidates.
  std::string save_state(const std::vector<Config>& not_handed_out = {}) const {
    return encode(snapshot(), not_handed_out);
  }
  void restore_state(const std::string& state);

private:
  std::optional<Config> from_design();
  std::optional<Config> from_model();
  void refit();
  /// Fits the model on (x, y), or updates it (incremental mode, once incremental_from results
  /// are in); the seed from derive_seed stream `stream` + the fits so far.
  void fit_model(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, std::uint64_t stream);
  /// Multipoint::penalize: the Lipschitz constant of the surrogate mean estimated on `pool`
  /// (predicted `mean`), 0 for a flat model.
  double lipschitz_of(const std::vector<Candidate>& pool, const Eigen::VectorXd& mean) const;
  /// Multipoint::penalize: `score` (of `pool`) with the local penalisers of the pending
  /// configurations (none when `lipschitz` is 0).
  void penalize(const std::vector<Candidate>& pool, double lipschitz, Eigen::VectorXd& score) const;
  /// The pending configurations with their index rows.
  std::vector<Candidate> in_flight() const;

  SearchSpace space_;
  AmbsOptions options_;
  InitialDesign initial_;
  std::uint64_t seed_;
  bool incremental_;
  Observations observations_;
  std::unique_ptr<Regressor> model_;
  std::unique_ptr<Sampler> design_;
  std::int64_t design_points_ = 0; ///< size of the initial design
  std::int64_t proposals_ = 0;
  std::int64_t fits_ = 0;
  bool dirty_ = true; ///< data changed since the last fit
  bool fitted_ = false;
  std::vector<Candidate> elites_;
  std::vector<Config> reserve_;
};

} // namespace hpsearch
