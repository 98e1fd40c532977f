#pragma once
// TpeStrategy: the tree-structured Parzen estimator (Bergstra et al. 2011) as Optuna's
// TPESampler runs it with multivariate=True and constant_liar=True (TpeOptions holds the
// defaults). Each proposal: split the n results with a value into the gamma(n) best ("good",
// l) and the rest plus every failure and every configuration in flight ("bad", g; the
// constant liar counts them as the worst value), fit one joint Parzen estimator on each
// (parzen_estimator.hpp), draw `candidates` points from l and propose the one with the
// largest l(x) / g(x). Until `startup_trials` results have a value, proposals are drawn
// from the prior (SearchSpace::sample).
//
// Conditional parameters: a result where a parameter was inactive gives that parameter
// the prior's kernel in its component; a candidate's inactive parameters are marginalised
// out of both densities. Forbidden candidates are dropped, and a candidate already
// observed or in flight is taken only when every candidate is one (new ones drawn first).
//
// Multi-fidelity sampler (BOHB's rule): each result counts at the fidelity it was reached
// at (0 for a full-fidelity search); the estimators are fitted on the largest fidelity
// with at least `startup_trials` results with a value, and proposals come from the prior
// while no fidelity has that many.
//
// Deterministic for a seed: one random stream. save_state() holds the stream and the
// configurations in flight; the results are told again before restore_state() on resume.
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/strategy.hpp"
#include "hpsearch/search/tpe/tpe_options.hpp"
#include "hpsearch/search/tpe/tpe_space.hpp"

#include <Eigen/Core>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace hpsearch {

/// TPE's split of observations (chronological order; losses minimised, +inf for a failure
/// or a configuration in flight): the `good` lowest losses (ties keep chronological order)
/// and the rest, each group's indices in chronological order.
struct TpeSplit {
  std::vector<std::size_t> good;
  std::vector<std::size_t> bad;
};
TpeSplit tpe_split(const std::vector<double>& losses, std::size_t good);

class TpeStrategy final : public Strategy {
public:
  /// Throws hpsearch::Error (bad_input) on options out of range.
  TpeStrategy(const SearchSpace& space, TpeOptions options, Direction direction,
              std::uint64_t seed);

  std::optional<Config> ask() override;
  void tell(const Evaluation& evaluation) override;
  std::string_view name() const override { return strategy_kinds.name_of(StrategyKind::tpe); }
  std::string save_state() const override;
  void restore_state(const std::string& state) override;

private:
  struct Result {
    Config config;
    Eigen::VectorXd x; ///< TpeSpace coordinates
    double loss;       ///< minimised; NaN: no value (failed, timed out, stopped)
    double fidelity;
  };
  /// The fidelity the estimators fit on, or nullopt while the prior proposes.
  std::optional<double> fit_fidelity() const;
  Config from_model(double fidelity);
  bool known(const Config& config) const;

  SearchSpace space_; // a copy: a strategy never depends on its caller keeping the space alive
  TpeSpace tpe_space_;
  TpeOptions options_;
  Direction direction_;
  Rng rng_;
  std::vector<Result> results_;
  std::vector<Config> pending_;
  std::unordered_set<std::string> observed_; ///< config_text of every result
};

} // namespace hpsearch
