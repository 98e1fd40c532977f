#pragma once
// SynchronousScheduler: runs synchronous brackets (bracket_plan.hpp) one after another, in
// a cycle that repeats until the manager's budget ends or the sampler runs out. Successive
// halving, Hyperband and "one epoch" are this scheduler with their plans.
//
// A bracket's stage is complete when every job of it has ended (and, for the first stage,
// its planned trials have all started or the sampler ran out); then the best trials of the
// stage (by direction; ties go to the lower trial id; failed, timed-out, stopped and
// non-finite results are never promoted) are continued to the next stage from their saved
// state, at most the planned count. No stage makes a worker wait: while a bracket waits for
// its last jobs, next() hands out the next open bracket's work, and opens a new bracket when
// none has any. Older brackets go first.
//
// When the sampler runs out during a bracket's first stage, the bracket goes on with the
// trials it has, its later stages scaled down in proportion (at least one trial each).
//
// A trial's job ends as: paused (ok, and a later stage follows; it may be promoted),
// finished (ok at the bracket's last stage, or failed / timed out), stopped (stopped).
// report() always answers proceed: a job runs to its stage's fidelity. A paused trial that a
// complete stage did not promote is retired for good: take_retired() names it once.
#include "hpsearch/core/direction.hpp"
#include "hpsearch/search/lifecycle/scheduler.hpp"
#include "hpsearch/search/multifidelity/bracket_plan.hpp"
#include "hpsearch/search/strategy.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace hpsearch {

class SynchronousScheduler : public Scheduler {
public:
  /// Throws hpsearch::Error (internal) on an empty cycle, a null sampler or an empty plan.
  SynchronousScheduler(std::string name, std::vector<BracketPlan> cycle,
                       std::unique_ptr<Strategy> sampler, Direction direction);

  std::optional<TrialJob> next() override;
  ReportDecision report(TrialId trial, double step, double value) override;
  TrialDecision job_ended(const TrialJob& job, const Evaluation& result) override;
  bool exhausted() const override { return sampler_done_ && brackets_.empty(); }
  std::string_view name() const override { return name_; }
  std::string summary() const override { return sampler_->summary(); }
  std::vector<TrialId> take_retired() override;
  std::string save_state() const override;
  void restore_state(const std::string& state) override;

  const std::vector<BracketPlan>& cycle() const { return cycle_; }
  /// Brackets with work started and not yet complete.
  std::size_t open_brackets() const { return brackets_.size(); }

private:
  struct Result {
    TrialId trial = -1;
    double objective = 0.0;
    bool promotable = false;
  };
  struct Bracket {
    std::int64_t id = 0;
    std::size_t plan = 0;         ///< index into cycle_
    std::size_t stage = 0;        ///< index into the plan
    std::int64_t started = 0;     ///< first-stage trials started
    std::deque<TrialId> pending;  ///< promoted, waiting for a worker, best first
    std::vector<TrialId> running; ///< jobs of this stage in flight
    std::vector<Result> ended;    ///< jobs of this stage ended
  };
  struct Trial {
    Config config;
    std::int64_t bracket = 0;
  };

  std::optional<TrialJob> next_in(Bracket& bracket);
  TrialJob job_for(const Bracket& bracket, TrialId trial) const;
  /// The planned count of `stage`, scaled down when the first stage came out short.
  std::int64_t planned(const Bracket& bracket, std::size_t stage) const;
  /// Moves `bracket`'s complete stages on; false when the bracket is done.
  bool advance(Bracket& bracket);
  /// advance() on every open bracket, forgetting the done ones and their trials.
  void advance_all();
  Bracket& bracket_of(TrialId trial);

  std::string name_;
  std::vector<BracketPlan> cycle_;
  std::unique_ptr<Strategy> sampler_;
  Direction direction_;
  std::size_t next_plan_ = 0;
  std::int64_t next_bracket_ = 0;
  TrialId next_trial_ = 0;
  bool sampler_done_ = false;
  std::deque<Bracket> brackets_;    ///< open, oldest first
  std::map<TrialId, Trial> trials_; ///< the trials of open brackets still in play
  std::vector<TrialId> retired_;    ///< paused, not promoted, not yet taken (not saved)
};

} // namespace hpsearch
