#pragma once
// PbtScheduler: population-based training (`search.strategy: pbt`, pbt_options.hpp) on the
// trial lifecycle (search/lifecycle/scheduler.hpp, DESIGN.md §5b).
//
// Every *segment* of a member's training (from one ready point to the next) is a trial of
// its own, with one job: the first segment of each member trains from scratch (its
// configuration from the sampler) to `ready`; every later one starts from a copy of the
// saved state of its *donor* trial (donor_of(); the worker copies it, eval/trial_state.hpp)
// at the donor's fidelity and trains `ready` units further (capped at max_fidelity). The
// donor is the member's own last segment (it carries on, same hyperparameters) or, after an
// exploit, the last segment of a better member (its hyperparameters explored, explore.hpp).
// A trial is therefore never written again once its job has ended: a copy always reads a
// complete state (the saved state at the donor's ready point), whatever the donor's member
// does meanwhile. The price is one copy of the state per segment.
//
// State handling (issue 19):
//   * a segment is a donor candidate only once its job has ended ok: its state is written;
//   * a segment's state is pinned while a segment that copies it is queued or running (a
//     lost job is re-run and copies again), and while it is its member's last segment (a
//     possible donor); after that it is retired (take_retired(): the manager removes it
//     under run.keep_trial_states none).
// A segment job that fails ends its member (the population shrinks by one; its last good
// segment stays a donor until then). A member ends when it reaches max_fidelity: that
// segment's decision is finished, every earlier one's paused.
//
// PB2 (`search.strategy: pb2`, options.kind pb2): the same, with PB2's explore
// (pb2_explore.hpp) in place of PBT's: its rows are the segments that ended ok and started
// from a donor with a score (time = from / ready, reward before = the donor's score, change
// = (score - donor's score) / (to - from)), in trial order; its running members the queued
// and running segments that start from a donor. The space must have reals and integers only.
//
// Asynchronous (default): a member decides at its own ready point, against the last scores
// of the members still training. Synchronous: the decisions wait until every member still
// training is at a ready point, and are then taken in member order.
// Decisions use the scheduler's own seeded random stream, saved with its state.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/lifecycle/scheduler.hpp"
#include "hpsearch/search/multifidelity/multifidelity_options.hpp"
#include "hpsearch/search/strategy.hpp"
#include "hpsearch/space/search_space.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <vector>

namespace hpsearch {

class PbtScheduler final : public Scheduler {
public:
  enum class Phase : std::uint8_t { queued, running, paused, ended };
  struct Segment {
    std::size_t member = 0;
    TrialId donor = -1; ///< the trial whose state it starts from; -1: from scratch
    Config config;
    double from = 0.0;
    double to = 0.0;
    std::int64_t copies = 0; ///< segments copying this one, queued or running
    Phase phase = Phase::queued;
    double score = std::numeric_limits<double>::quiet_NaN(); ///< when ended ok; higher is better
  };
  struct Member {
    TrialId latest = -1; ///< its last segment that ended ok (a donor candidate); -1: none
    double score = std::numeric_limits<double>::quiet_NaN(); ///< latest's, higher is better
    double at = 0.0;                                         ///< latest's fidelity
    bool waiting = false; ///< synchronous: at a ready point, waiting for the others
    bool done = false;    ///< reached max_fidelity, or a segment failed
  };

  /// options.kind is pbt; `space` is the search space explore works in (copied); `sampler`
  /// (the first configurations) must outlive the scheduler. Throws hpsearch::Error (bad_input) on
  /// bad settings, naming the key.
  PbtScheduler(const MultiFidelityOptions& options, const SearchSpace& space, Strategy& sampler,
               Direction direction, std::uint64_t seed);

  std::optional<TrialJob> next() override;
  ReportDecision report(TrialId, double, double) override { return ReportDecision::proceed; }
  TrialDecision job_ended(const TrialJob& job, const Evaluation& result) override;
  bool exhausted() const override;
  std::string_view name() const override;
  std::string summary() const override { return sampler_.summary(); }
  std::vector<TrialId> take_retired() override;
  TrialId donor_of(TrialId trial) const override;
  std::string save_state() const override;
  void restore_state(const std::string& state) override;

  const std::vector<Segment>& segments() const { return segments_; }
  const std::vector<Member>& members() const { return members_; }

private:
  TrialId add_segment(Segment segment);
  void decide(std::size_t member);
  void decide_if_all_waiting();
  void release(TrialId trial);
  void retire_if_unneeded(TrialId trial);
  double quality(double objective) const;
  /// The explored configuration from `from` (the donor's), continuing at fidelity `at` with
  /// reward `reward`: PBT's explore, or PB2's (pb2_explore.hpp).
  Config explored(const Config& from, double at, double reward);

  MultiFidelityOptions options_;
  SearchSpace space_; ///< a copy: the caller's problem may move
  Strategy& sampler_;
  Direction direction_;
  Rng rng_;
  std::vector<Segment> segments_; ///< by TrialId
  std::vector<Member> members_;
  std::deque<TrialId> queue_; ///< segments decided, not handed out yet
  std::vector<TrialId> retired_;
  bool sampler_exhausted_ = false;
};

} // namespace hpsearch
