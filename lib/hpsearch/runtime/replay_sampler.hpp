#pragma once
// ReplaySampler: the sampler a multi-fidelity scheduler sees on the manager (run_setup.cpp).
// It forwards every call to the search's strategy, except that while a resume replays the
// journal (journal_replay.hpp) the next ask() hands out the configuration the checkpoint
// recorded for the job being replayed. The strategy is asked too and its answer dropped, so
// a deterministic strategy's state moves on exactly as it did; a strategy whose proposals
// depend on timing (AMBS with several workers, ambs_strategy.hpp) would propose others on
// a replay, and a trial's later jobs must continue the configuration it was trained with.
#include "hpsearch/search/strategy.hpp"

#include <optional>

namespace hpsearch {

class ReplaySampler final : public Strategy {
public:
  /// `strategy` must outlive the sampler.
  explicit ReplaySampler(Strategy& strategy) : strategy_(strategy) {}

  /// The next ask() returns `config` (once).
  void hand_out(Config config) { recorded_ = std::move(config); }
  /// Forgets a configuration no ask() took (the scheduler continued a trial instead).
  void forget() { recorded_.reset(); }

  std::optional<Config> ask() override;
  void tell(const Evaluation& evaluation) override { strategy_.tell(evaluation); }
  std::string_view name() const override { return strategy_.name(); }
  std::string save_state() const override { return strategy_.save_state(); }
  void restore_state(const std::string& state) override { strategy_.restore_state(state); }

private:
  Strategy& strategy_;
  std::optional<Config> recorded_;
};

} // namespace hpsearch
