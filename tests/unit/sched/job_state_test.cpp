// Whether a lock owner's batch job has finished (sched/job_state.hpp): the schedulers'
// answers parsed, and the real query path through fake squeue/qstat programs on PATH.
#include "fake_command.hpp"
#include "hpsearch/core/clock.hpp"
#include "hpsearch/sched/job_state.hpp"
#include "hpsearch/sched/query_output.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

/// A query that answers `out` (nullopt: the command failed) and records what it ran.
struct Answer {
  std::optional<std::string> out;
  std::vector<std::string> ran;
  QueryCommand command() {
    return [this](const std::vector<std::string>& argv) {
      ran = argv;
      return out;
    };
  }
};

JobState state(BatchSystem s, const std::optional<std::string>& out, const std::string& id = "42") {
  Answer a{out, {}};
  return query_job_state(s, id, a.command());
}

TEST(JobState, SlurmFinalStatesAndAnEmptyQueueMeanFinished) {
  Answer a{std::string("RUNNING\n"), {}};
  EXPECT_EQ(query_job_state(BatchSystem::slurm, "42", a.command()), JobState::active);
  EXPECT_EQ(a.ran, (std::vector<std::string>{"squeue", "-h", "-j", "42", "-o", "%T"}));
  for (const char* active : {"PENDING", "COMPLETING", "SUSPENDED", "CONFIGURING"}) {
    EXPECT_EQ(state(BatchSystem::slurm, std::string(active) + "\n"), JobState::active) << active;
  }
  for (const char* done : {"COMPLETED", "CANCELLED by 1000", "FAILED", "TIMEOUT", "NODE_FAIL",
                           "OUT_OF_MEMORY", "PREEMPTED"}) {
    EXPECT_EQ(state(BatchSystem::slurm, std::string(done) + "\n"), JobState::finished) << done;
  }
  EXPECT_EQ(state(BatchSystem::slurm, std::string("\n")), JobState::finished) << "left the queue";
  EXPECT_EQ(state(BatchSystem::slurm, std::nullopt), JobState::unknown) << "squeue failed";
}

TEST(JobState, PbsJobStateFOrCMeansFinished) {
  Answer a{std::string("Job Id: 42.pbs\n    job_state = R\n"), {}};
  EXPECT_EQ(query_job_state(BatchSystem::pbs, "42.pbs", a.command()), JobState::active);
  EXPECT_EQ(a.ran, (std::vector<std::string>{"qstat", "-f", "42.pbs"}));
  EXPECT_EQ(state(BatchSystem::pbs, std::string("Job Id: 42\n    job_state = F\n")),
            JobState::finished);
  EXPECT_EQ(state(BatchSystem::pbs, std::string("Job Id: 42\n    job_state = C\n")),
            JobState::finished);
  EXPECT_EQ(state(BatchSystem::pbs, std::string("Job Id: 42\n")), JobState::unknown);
  EXPECT_EQ(state(BatchSystem::pbs, std::nullopt), JobState::unknown) << "Unknown Job Id";
}

TEST(JobState, CobaltRowMeansActiveAHeaderAloneFinished) {
  const std::string header = "JobID  User  WallTime  Nodes  State    Location\n"
                             "=============================================\n";
  EXPECT_EQ(state(BatchSystem::cobalt, header + "42     me    00:30:00  2      running  x1\n"),
            JobState::active);
  EXPECT_EQ(state(BatchSystem::cobalt, header), JobState::finished);
  EXPECT_EQ(state(BatchSystem::cobalt, std::string("garbage\n")), JobState::unknown);
}

TEST(JobState, NoSchedulerOrNoJobIsUnknownWithoutAsking) {
  Answer a{std::string(""), {}};
  EXPECT_EQ(query_job_state(BatchSystem::none, "42", a.command()), JobState::unknown);
  EXPECT_EQ(query_job_state(BatchSystem::slurm, "", a.command()), JobState::unknown);
  EXPECT_TRUE(a.ran.empty());
  EXPECT_EQ(scheduler_named("slurm"), BatchSystem::slurm);
  EXPECT_EQ(scheduler_named("pbs"), BatchSystem::pbs);
  EXPECT_EQ(scheduler_named(""), BatchSystem::none);
}

QueryCommand real_query(double timeout) {
  return [timeout](const std::vector<std::string>& argv) { return query_output(argv, timeout); };
}

TEST(JobState, AFakeSqueueOnPathIsAskedForTheJobsState) {
  // The fake answers only the exact query, as a job that has finished.
  const test::FakeCommand squeue("squeue", R"sh(test "$*" = "-h -j 777 -o %T" || exit 9
echo COMPLETED)sh");
  EXPECT_EQ(query_job_state(BatchSystem::slurm, "777", real_query(10)), JobState::finished);
  EXPECT_EQ(query_job_state(BatchSystem::slurm, "778", real_query(10)), JobState::unknown)
      << "a failing squeue is no answer";
}

TEST(JobState, AMissingClientIsUnknown) {
  const test::ScopedEnv path("PATH", std::string("/nonexistent-hpsearch-dir"));
  EXPECT_EQ(query_job_state(BatchSystem::slurm, "777", real_query(10)), JobState::unknown);
}

TEST(JobState, AHangingClientIsUnknownAtItsTimeLimit) {
  const test::FakeCommand squeue("squeue", "exec sleep 600");
  EXPECT_EQ(query_job_state(BatchSystem::slurm, "777", real_query(0.3)), JobState::unknown);
}

} // namespace
} // namespace hpsearch
