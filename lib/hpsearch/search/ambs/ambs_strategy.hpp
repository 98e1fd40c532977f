#pragma once
// AmbsStrategy: asynchronous model-based search behind the Strategy interface.
//
// With one worker (StrategyContext::workers <= 1) every ask() computes its proposal on the
// caller's thread from the current data: deterministic, and exactly resumable.
// With more workers a helper thread owns the Proposer: it applies results as they come,
// refits (incrementally, coalescing results that arrive during a fit) and keeps up to
// AmbsOptions::prepared proposals ready, so ask() returns at once whenever one is ready
// and waits only when results outpace fits. Prepared proposals count as pending (the
// constant liar sees them), so the queue never holds duplicates; when results arrive while
// the queue is full, the oldest prepared proposal is replaced by one that knows them.
//
// save_state() never waits for a fit (DESIGN §1: dispatch never waits for one): the helper
// takes a Proposer::Snapshot after each proposal, and save_state() copies it under the
// lock, leaving out the pending configurations whose results were told since (a resumed
// search has them as results) and the prepared proposals nobody received.
#include "hpsearch/search/ambs/proposer.hpp"
#include "hpsearch/search/strategy.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
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

private:
  struct Told {
    Config config;
    Status status;
    double objective;
  };
  void helper_loop(const std::stop_token& stop);

  bool async_;
  std::int64_t prepared_;
  double fresh_wait_;
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
  std::int64_t told_ = 0;     ///< results told so far
  double last_compute_ = 0.0; ///< seconds the helper's last proposal took
  bool exhausted_ = false;
  std::exception_ptr error_; ///< the helper's failure, rethrown by ask()
  bool busy_ = false;        ///< the helper is using proposer_ outside the lock
  std::jthread helper_;      ///< last: joined first on destruction
};

} // namespace hpsearch
