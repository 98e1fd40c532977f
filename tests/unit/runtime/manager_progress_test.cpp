// ManagerCore's progress path: learning curves buffered into each job's Record, the median
// stopping rule answering StopJob, and CheckpointJournal writing the curves with the row.
#include "actions_of.hpp"
#include "hpsearch/runtime/checkpoint_journal.hpp"
#include "hpsearch/runtime/manager_core.hpp"
#include "hpsearch/search/random_search.hpp"
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/reader.hpp"
#include "temp_dir.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::all_of;
using test::outcome;

SearchSpace one_real() {
  SearchSpace space;
  space.add(Parameter::real("x", 0.0, 1.0));
  return space;
}

ManagerOptions pruned(std::int64_t min_jobs) {
  ManagerOptions o;
  o.max_evals = 100;
  o.pruner = PrunerOptions{PrunerKind::median, 0.0, min_jobs};
  return o;
}

/// A ManagerCore over one_real() with the median rule and `workers` workers, journalled
/// into a new checkpoint at `path` (its state committed).
struct Journalled {
  Journalled(const std::string& path, std::int64_t min_jobs, int workers)
      : core(strategy, pruned(min_jobs), workers, 0.0),
        checkpoint(Checkpoint::create(
            path, one_real(),
            CheckpointInfo{"space: {}", "random", 1, Direction::minimize, "test", 0.0})),
        journal(checkpoint, core) {
    journal.commit_state(0.0);
  }
  RandomSearch strategy{one_real(), 1};
  ManagerCore core;
  Checkpoint checkpoint;
  CheckpointJournal journal;
};

TEST(ManagerProgress, ReportsBecomeTheCurveOfTheJobsRecord) {
  RandomSearch strategy(one_real(), 1);
  ManagerCore core(strategy, ManagerOptions{}, 1, 0.0);
  const auto job = std::get<SendJob>(core.on_ready(1, "h", 0.0, 0.0).at(0)).job;
  EXPECT_TRUE(core.on_progress(1, job.id, 1.0, 0.5, 0.0).empty());
  EXPECT_TRUE(core.on_progress(1, job.id, 2.0, 0.25, 0.0).empty());
  const auto records = all_of<Record>(core.on_result(1, job.id, outcome(Status::ok, 0.2), 0, 0));
  ASSERT_EQ(records.size(), 1u);
  const std::vector<CurvePoint> expected{{job.id, 1, 0.5}, {job.id, 2, 0.25}};
  EXPECT_EQ(records[0].curve, expected);
  // The next job of that worker starts with an empty curve.
  const auto next =
      std::get<Record>(core.on_result(1, job.id + 1, outcome(Status::ok, 1), 0, 0)[0]);
  EXPECT_TRUE(next.curve.empty());
}

TEST(ManagerProgress, ReportsForAJobNoLongerRunningAreIgnored) {
  RandomSearch strategy(one_real(), 1);
  ManagerCore core(strategy, pruned(1), 2, 0.0);
  const auto job = std::get<SendJob>(core.on_ready(1, "h", 0.0, 0.0).at(0)).job;
  core.on_result(1, job.id, outcome(Status::ok, 0.2), 0, 0);
  EXPECT_TRUE(core.on_progress(1, job.id, 1.0, 99.0, 0.0).empty()) << "finished job";
  EXPECT_TRUE(core.on_progress(2, job.id + 1, 1.0, 99.0, 0.0).empty()) << "rank without a job";
  EXPECT_TRUE(core.on_progress(7, 0, 1.0, 99.0, 0.0).empty()) << "unknown rank";
}

/// After a resume, the curves of earlier allocations count: a bad first job of the new
/// allocation is stopped at once.
TEST(ManagerProgress, ResumedCurvesFeedTheMedianRule) {
  RandomSearch strategy(one_real(), 1);
  ResumePoint resume;
  resume.next_id = 3;
  resume.finished = 3;
  resume.curves = {{0, 1, 1.0}, {1, 1, 2.0}, {2, 1, 3.0}};
  ManagerCore core(strategy, pruned(2), 1, 0.0, resume);
  const auto job = std::get<SendJob>(core.on_ready(1, "h", 0, 0)[0]).job;
  EXPECT_EQ(job.id, 3);
  EXPECT_EQ(all_of<StopJob>(core.on_progress(1, job.id, 1.0, 9.0, 0.0)).size(), 1u);
}

TEST(ManagerProgress, TheMedianRuleStopsAWorseJobOnce) {
  RandomSearch strategy(one_real(), 1);
  ManagerCore core(strategy, pruned(2), 3, 0.0);
  std::vector<Job> jobs;
  for (int r = 1; r <= 3; ++r)
    jobs.push_back(std::get<SendJob>(core.on_ready(r, "h", 0, 0)[0]).job);
  EXPECT_TRUE(core.on_progress(1, jobs[0].id, 1.0, 1.0, 0.0).empty());
  EXPECT_TRUE(core.on_progress(2, jobs[1].id, 1.0, 2.0, 0.0).empty());
  const auto stops = all_of<StopJob>(core.on_progress(3, jobs[2].id, 1.0, 9.0, 0.0));
  ASSERT_EQ(stops.size(), 1u);
  EXPECT_EQ(stops[0].rank, 3);
  EXPECT_EQ(stops[0].job_id, jobs[2].id);
  EXPECT_TRUE(core.on_progress(3, jobs[2].id, 2.0, 8.0, 0.0).empty()) << "one StopJob per job";

  const auto actions = core.on_result(3, jobs[2].id, outcome(Status::stopped, 8.0), 0, 0);
  const Record record = all_of<Record>(actions).at(0);
  EXPECT_EQ(record.evaluation.status, Status::stopped);
  EXPECT_EQ(record.evaluation.objective, 8.0) << "a stopped job keeps its last value";
  EXPECT_EQ(record.curve.size(), 2u);
  const Job next = all_of<SendJob>(actions).at(0).job;
  // The new job on rank 3 can be stopped again; a good one is not.
  EXPECT_TRUE(core.on_progress(3, next.id, 1.0, 0.5, 0.0).empty());
}

TEST(ManagerProgress, WithoutAPrunerNothingIsStopped) {
  RandomSearch strategy(one_real(), 1);
  ManagerCore core(strategy, ManagerOptions{}, 3, 0.0);
  std::vector<Job> jobs;
  for (int r = 1; r <= 3; ++r)
    jobs.push_back(std::get<SendJob>(core.on_ready(r, "h", 0, 0)[0]).job);
  for (int r = 1; r <= 3; ++r) {
    EXPECT_TRUE(
        core.on_progress(r, jobs[static_cast<std::size_t>(r - 1)].id, 1.0, r * 10.0, 0).empty());
  }
}

/// REVIEW §1.6-3: a step of 1.5 is judged at 1.5 (not at a rounded 2) and stored as 1.5.
TEST(ManagerProgress, AFractionalStepIsJudgedAndStoredAsTheSameStep) {
  const test::TempDir dir("hpsearch_progress");
  const std::string path = dir.file("c.h5");
  {
    Journalled m(path, 2, 3);
    ManagerCore& core = m.core;
    std::vector<Job> jobs;
    for (int r = 1; r <= 3; ++r)
      jobs.push_back(std::get<SendJob>(core.on_ready(r, "h", 0, 0)[0]).job);
    EXPECT_TRUE(core.on_progress(1, jobs[0].id, 1.5, 1.0, 0.0).empty());
    // Step 2 is another step: rounded, 1.5 would meet it and 9.0 would be judged there.
    EXPECT_TRUE(core.on_progress(2, jobs[1].id, 2.0, 1.0, 0.0).empty());
    EXPECT_TRUE(core.on_progress(3, jobs[2].id, 2.0, 9.0, 0.0).empty()) << "1 other at step 2";
    EXPECT_TRUE(core.on_progress(2, jobs[1].id, 1.5, 2.0, 0.0).empty()) << "1 other at step 1.5";
    EXPECT_EQ(all_of<StopJob>(core.on_progress(3, jobs[2].id, 1.5, 9.0, 0.0)).size(), 1u)
        << "two others at step 1.5, both better";
    const auto record = all_of<Record>(core.on_result(1, jobs[0].id, outcome(Status::ok, 1), 0, 0));
    ASSERT_EQ(record.size(), 1u);
    EXPECT_EQ(record[0].curve, (std::vector<CurvePoint>{{jobs[0].id, 1.5, 1.0}}));
    m.journal.commit({record[0]}, 0.0);
  }
  const CheckpointContents contents = read_checkpoint(path);
  ASSERT_EQ(contents.curves.size(), 1u);
  EXPECT_EQ(contents.curves[0], (CurvePoint{0, 1.5, 1.0}));
}

TEST(ManagerProgress, TheJournalWritesTheCurveWithTheRowAndStopsNeedNoWrite) {
  const test::TempDir dir("hpsearch_progress");
  const std::string path = dir.file("c.h5");
  {
    Journalled m(path, 5, 1);
    ManagerCore& core = m.core;
    CheckpointJournal& journal = m.journal;
    const auto job = std::get<SendJob>(core.on_ready(1, "h", 0, 0)[0]).job;
    journal.commit({StopJob{1, job.id}}, 0.0); // a no-op, must not throw
    core.on_progress(1, job.id, 1.0, 3.0, 0.0);
    core.on_progress(1, job.id, 2.0, 2.0, 0.0);
    journal.commit(core.on_result(1, job.id, outcome(Status::ok, 2.0), 0, 0), 0.0);
  }
  const CheckpointContents contents = read_checkpoint(path);
  ASSERT_EQ(contents.evaluations.size(), 1u);
  ASSERT_EQ(contents.curves.size(), 2u);
  EXPECT_EQ(contents.curves[0], (CurvePoint{0, 1, 3.0}));
  EXPECT_EQ(contents.curves[1], (CurvePoint{0, 2, 2.0}));
}

} // namespace
} // namespace hpsearch
