#pragma once
// AmbsStrategy: asynchronous model-based search behind the Strategy interface.
//
// With one worker (StrategyContext::workers <= 1) every ask() computes its proposal on the
// caller's thread from the current data: deterministic, and exactly resumable.
// With more workers a helper thread owns the Proposer: it applies results as they come,
// refits (incrementally, coalescing results that arrive during a fit) and keeps up to
// AmbsOptions::prepared proposals ready, with the reserve of the latest acquisition ranking
// (Proposer: its runners-up, spread apart). ask() never waits for a fit: it hands out the
// prepared proposal, else the best of the reserve not handed out yet, else a neighbour of
// the best result so far (a sample from the prior before there is one); the helper adopts what
// ask() handed out as pending (the constant liar sees it) before its next fit, and each new
// proposal replaces the reserve. Prepared proposals count as pending, so the queue never holds
// duplicates; when results arrive while the queue is full, the oldest prepared proposal is replaced
// by one that knows them. A configuration is handed out once: ask() keeps the keys of all it handed
// out and of all results told. ask() waits only for a proposal of the initial design (no fit:
// microseconds) and, in a space nearly used up where 100 draws find nothing new, for the helper to
// find one or to give up.
//
// save_state() never waits for a fit (DESIGN §1: dispatch never waits for one): the helper
// takes a Proposer::Snapshot after each proposal, and save_state() copies it under the
// lock, leaving out the pending configurations whose results were told since (a resumed
// search has them as results) and the prepared proposals nobody received, adding the ones
// ask() handed out that the helper has not adopted yet.
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/ambs/proposer.hpp"
#include "hpsearch/search/strategy.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

namespace hpsearch {

class AmbsStrategy final : public Strategy {
public:
  AmbsStrategy(const SearchSpace& space, AmbsOptions options, const InitialDesign& initial,
               Direction direction, std::uint64_t seed, int workers);
  /// As above with `model` as the surrogate (tests: a fit that can be held).
  AmbsStrategy(const SearchSpace& space, AmbsOptions options, const InitialDesign& initial,
               Direction direction, std::uint64_t seed, int workers,
               std::unique_ptr<Regressor> model);
  ~AmbsStrategy() override;

  std::optional<Config> ask() override;
  void tell(const Evaluation& evaluation) override;
  std::string_view name() const override { return strategy_kinds.name_of(StrategyKind::ambs); }
  std::string save_state() const override;
  void restore_state(const std::string& state) override;

  /// Where ask() took its proposals from so far (asynchronous mode): a proposal the helper
  /// prepared, the reserve of the latest acquisition ranking, or (neither ready) a neighbour
  /// of the best result or a sample from the prior. Benchmarks: the decision rate that
  /// counts is that of proposals from the model.
  struct Served {
    std::int64_t prepared = 0;
    std::int64_t reserve = 0;
    std::int64_t fallback = 0;
    /// Model fits (or updates) the helper made.
    std::int64_t fits = 0;
    /// Times ask() blocked until the helper finished a fit (only when nearly every
    /// configuration of the space is handed out; dispatch never waits for a fit otherwise).
    std::int64_t fit_waits = 0;
    /// Times ask() blocked while the helper drew from the initial design (no fit: micro-
    /// seconds, at the start of a run).
    std::int64_t design_waits = 0;
  };
  Served served() const;
  /// "ambs: 57 proposals prepared by the model, 3 from its reserve, 0 from the fallback;
  /// 41 fits; 0 waits for a fit, 2 for the initial design" (asynchronous mode; empty in
  /// sequential mode, where every ask() fits by design).
  std::string summary() const override;

private:
  struct Told {
    Config config;
    Status status;
    double objective;
    double fidelity; ///< fidelity_of(): 0 for a full-fidelity search's results
  };
  void helper_loop(const std::stop_token& stop);
  /// Under the lock: hands `config` out (its key remembered).
  Config hand_out(Config config);
  /// Under the lock: the best reserve configuration not handed out yet, else a new
  /// neighbour of the best result (or sample from the prior); nullopt when none is found.
  /// Queued for the helper to adopt.
  std::optional<Config> without_waiting();

  bool async_;
  std::int64_t workers_; ///< results a reserve outlives (see without_waiting)
  std::int64_t prepared_;
  SearchSpace space_;
  Direction direction_;
  Rng prior_; ///< draws of what ask() hands out when nothing better is ready
  mutable std::mutex mutex_;
  mutable std::condition_variable_any changed_;
  Proposer proposer_; ///< owned by the helper thread in asynchronous mode (guarded by busy_)
  std::deque<Told> inbox_;
  std::vector<Config> applying_; ///< configurations of the results the helper is telling
  Proposer::Snapshot snapshot_;  ///< the proposer when the helper last left it
  struct Prepared {
    Config config;
    std::int64_t version; ///< results told when it was computed
  };
  std::deque<Prepared> ready_;
  std::deque<Config> reserve_;            ///< of the latest proposal from the model, best first
  std::int64_t reserve_version_ = 0;      ///< results told when the reserve was ranked
  std::vector<Config> handed_;            ///< handed out from the reserve or the prior ...
  std::vector<Config> adopting_;          ///< ... and those the helper is adopting
  std::unordered_set<std::string> given_; ///< keys of all handed out or told
  std::int64_t told_ = 0;                 ///< results told so far
  std::optional<Evaluation> best_;        ///< the best finished evaluation so far
  /// The fallback's step around best_ (unit space), adapted by the 1/5th success rule: up
  /// when a result improves on best_, down otherwise.
  double fallback_step_ = 0.1;
  bool designing_ = false; ///< the helper's next proposal is from the initial design
  bool exhausted_ = false;
  std::exception_ptr error_; ///< the helper's failure, rethrown by ask()
  bool busy_ = false;        ///< the helper is using proposer_ outside the lock
  Served served_;
  std::jthread helper_; ///< last: joined first on destruction
};

} // namespace hpsearch
