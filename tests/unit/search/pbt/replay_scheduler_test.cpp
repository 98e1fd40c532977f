// ReplayScheduler (search/pbt/replay_scheduler.hpp): one trial through a recorded schedule,
// one job per segment continuing its own state, its saved state, and bad schedules.
#include "hpsearch/core/error.hpp"
#include "hpsearch/search/pbt/replay_scheduler.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

Config h(double v) {
  return Config({{"h", Value{v}}});
}

std::vector<ReplaySegment> schedule() {
  return {{0.0, 3.0, h(0.5)}, {3.0, 6.0, h(0.6)}, {6.0, 9.0, h(0.4)}};
}

Evaluation ok(const TrialJob& job) {
  Evaluation e;
  e.config = job.config;
  e.status = Status::ok;
  e.objective = job.to_fidelity;
  e.fidelity = job.to_fidelity;
  e.trial = job.trial;
  e.from_fidelity = job.from_fidelity;
  return e;
}

TEST(ReplayScheduler, TrainsOneTrialThroughTheRecordedSegmentsInOrder) {
  const std::vector<ReplaySegment> plan = schedule();
  ReplayScheduler s(plan);
  for (std::size_t i = 0; i < 3; ++i) {
    const auto job = s.next();
    ASSERT_TRUE(job);
    const ReplaySegment& seg = plan[i];
    EXPECT_EQ(*job, (TrialJob{0, seg.config, seg.from, seg.to, -1}));
    EXPECT_EQ(s.next(), std::nullopt) << "one job at a time";
    EXPECT_EQ(s.donor_of(0), -1) << "it continues its own state";
    EXPECT_EQ(s.job_ended(*job, ok(*job)), i < 2 ? TrialDecision::paused : TrialDecision::finished);
  }
  EXPECT_TRUE(s.exhausted());
  EXPECT_EQ(s.next(), std::nullopt);
}

TEST(ReplayScheduler, AFailedJobEndsTheReplay) {
  ReplayScheduler s(schedule());
  const TrialJob job = *s.next();
  Evaluation e = ok(job);
  e.status = Status::failed;
  EXPECT_EQ(s.job_ended(job, e), TrialDecision::finished);
  EXPECT_TRUE(s.exhausted());
}

TEST(ReplayScheduler, ARestoredReplayWaitsForItsJobInFlightThenGoesOn) {
  ReplayScheduler s(schedule());
  const TrialJob first = *s.next();
  s.job_ended(first, ok(first));
  const TrialJob second = *s.next();
  const std::string saved = s.save_state();
  ReplayScheduler restored(schedule());
  restored.restore_state(saved);
  EXPECT_EQ(restored.save_state(), saved);
  EXPECT_EQ(restored.next(), std::nullopt) << "the manager re-runs the job in flight";
  EXPECT_EQ(restored.job_ended(second, ok(second)), TrialDecision::paused);
  EXPECT_EQ(restored.next()->from_fidelity, 6.0);
  ReplayScheduler shorter({{0.0, 3.0, h(0.5)}});
  EXPECT_THROW(shorter.restore_state(saved), Error) << "another schedule";
  EXPECT_THROW(restored.restore_state("pbt-scheduler 1 4 0 0"), Error);
}

TEST(ReplayScheduler, SegmentsMustFollowOnFromScratch) {
  EXPECT_THROW(ReplayScheduler({}), Error);
  EXPECT_THROW(ReplayScheduler({{1.0, 3.0, h(0.5)}}), Error) << "not from scratch";
  EXPECT_THROW(ReplayScheduler({{0.0, 3.0, h(0.5)}, {4.0, 6.0, h(0.5)}}), Error) << "a gap";
  EXPECT_THROW(ReplayScheduler({{0.0, 3.0, h(0.5)}, {3.0, 3.0, h(0.5)}}), Error) << "empty";
}

} // namespace
} // namespace hpsearch
