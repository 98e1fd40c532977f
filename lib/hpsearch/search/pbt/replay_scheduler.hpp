#pragma once
// ReplayScheduler (`search.strategy: replay`, replay_options.hpp): one trial (id 0) trained
// through a recorded schedule, one job per recorded segment: the first from scratch, each
// later one from the trial's own saved state at the end of the previous one, with the
// segment's configuration. A job that fails ends the replay.
#include "hpsearch/core/config.hpp"
#include "hpsearch/search/lifecycle/scheduler.hpp"

#include <cstddef>
#include <vector>

namespace hpsearch {

/// One recorded segment: trained from `from` to `to` with `config`.
struct ReplaySegment {
  double from = 0.0;
  double to = 0.0;
  Config config;

  bool operator==(const ReplaySegment&) const = default;
};

class ReplayScheduler final : public Scheduler {
public:
  /// Throws hpsearch::Error (bad input) unless the schedule is non-empty, starts at 0 and
  /// each segment starts where the previous one ended, going up.
  explicit ReplayScheduler(std::vector<ReplaySegment> schedule);

  std::optional<TrialJob> next() override;
  ReportDecision report(TrialId, double, double) override { return ReportDecision::proceed; }
  TrialDecision job_ended(const TrialJob& job, const Evaluation& result) override;
  bool exhausted() const override { return done_; }
  std::string_view name() const override { return "replay"; }
  /// "replay-scheduler 1 <segments> <next segment> <running 0|1> <done 0|1>"; a job in
  /// flight at save time is re-run by the manager (the scheduler's contract) and ends here.
  std::string save_state() const override;
  void restore_state(const std::string& state) override;

  const std::vector<ReplaySegment>& schedule() const { return schedule_; }

private:
  std::vector<ReplaySegment> schedule_;
  std::size_t next_ = 0; ///< the segment the next job trains
  bool running_ = false;
  bool done_ = false;
};

} // namespace hpsearch
