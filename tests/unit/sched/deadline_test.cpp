#include "env_of.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/sched/deadline.hpp"
#include "hpsearch/sched/time_text.hpp"
#include "tz_utc.hpp"

#include <gtest/gtest.h>
#include <map>

namespace hpsearch {
namespace {

using test::env_of;
using test::kNoonUtc;

constexpr double kNow = kNoonUtc - 600.0;

/// A QueryCommand that answers one command line and records every call.
struct FakeQuery {
  std::vector<std::string> expected;
  std::optional<std::string> answer;
  std::vector<std::vector<std::string>> calls;
  QueryCommand fn() {
    return [this](const std::vector<std::string>& argv) -> std::optional<std::string> {
      calls.push_back(argv);
      if (argv != expected) return std::nullopt;
      return answer;
    };
  }
};

BatchJob job_of(BatchSystem scheduler, std::string id) {
  BatchJob job;
  job.scheduler = scheduler;
  job.job_id = std::move(id);
  return job;
}

TEST(FindDeadline, TheUsersDeadlineWinsOverTheBatchSystem) {
  FakeQuery query{{"squeue", "-h", "-j", "7", "-o", "%e"}, "2030-01-01T00:00:00", {}};
  const Deadline d =
      find_deadline({"2024-05-01T12:00:00Z", "--deadline"}, job_of(BatchSystem::slurm, "7"),
                    env_of({{"SLURM_JOB_END_TIME", "1"}}), query.fn(), kNow);
  EXPECT_EQ(d.epoch, kNoonUtc);
  EXPECT_EQ(d.source, "--deadline");
  EXPECT_TRUE(query.calls.empty());
}

TEST(FindDeadline, AMalformedUserDeadlineIsABadInputNamingItsSource) {
  try {
    find_deadline({"noon", "run.deadline in p.yaml"}, BatchJob{}, env_of({}), FakeQuery{}.fn(),
                  kNow);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_NE(std::string(e.what()).find("run.deadline in p.yaml 'noon'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("ISO 8601"), std::string::npos);
  }
}

TEST(FindDeadline, ADayTheCalendarDoesNotHaveIsRefusedNotMovedToMarch) {
  try {
    const Deadline d = find_deadline({"2024-02-31T12:00:00Z", "--deadline"}, BatchJob{}, env_of({}),
                                     FakeQuery{}.fn(), kNow);
    FAIL() << "accepted as " << format_utc(d.epoch);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_NE(std::string(e.what()).find("--deadline '2024-02-31T12:00:00Z'"), std::string::npos)
        << e.what();
  }
}

TEST(FindDeadline, SlurmEndTimeVariableBeforeSqueue) {
  FakeQuery query{{"squeue", "-h", "-j", "7", "-o", "%e"}, "2030-01-01T00:00:00", {}};
  const Deadline d =
      find_deadline({}, job_of(BatchSystem::slurm, "7"),
                    env_of({{"SLURM_JOB_END_TIME", "1714564800"}}), query.fn(), kNow);
  EXPECT_EQ(d.epoch, kNoonUtc);
  EXPECT_EQ(d.source, "SLURM_JOB_END_TIME");
  EXPECT_TRUE(query.calls.empty());
}

TEST(FindDeadline, Slurm2205AsksSqueueForTheEndInLocalTime) {
  test::use_utc();
  FakeQuery query{{"squeue", "-h", "-j", "7", "-o", "%e"}, "2024-05-01T12:00:00\n", {}};
  const Deadline d =
      find_deadline({}, job_of(BatchSystem::slurm, "7"), env_of({}), query.fn(), kNow);
  EXPECT_EQ(d.epoch, kNoonUtc);
  EXPECT_EQ(d.source, "squeue %e");
  EXPECT_EQ(query.calls.size(), 1u);
}

TEST(FindDeadline, SlurmWithoutATimeLimitHasNoDeadline) {
  FakeQuery query{{"squeue", "-h", "-j", "7", "-o", "%e"}, "Unknown\n", {}};
  const Deadline d =
      find_deadline({}, job_of(BatchSystem::slurm, "7"), env_of({}), query.fn(), kNow);
  EXPECT_FALSE(d.known());
  EXPECT_EQ(d.source, "none");
  FakeQuery failing{{"nothing"}, std::nullopt, {}};
  EXPECT_FALSE(
      find_deadline({}, job_of(BatchSystem::slurm, "7"), env_of({}), failing.fn(), kNow).known());
}

TEST(FindDeadline, CobaltEndTimeIsEpochSeconds) {
  const Deadline d =
      find_deadline({}, job_of(BatchSystem::cobalt, "3"),
                    env_of({{"COBALT_ENDTIME", "1714564800"}}), FakeQuery{}.fn(), kNow);
  EXPECT_EQ(d.epoch, kNoonUtc);
  EXPECT_EQ(d.source, "COBALT_ENDTIME");
}

TEST(FindDeadline, PbsAddsTheWalltimeToTheStart) {
  test::use_utc();
  FakeQuery query{{"qstat", "-f", "9.pbs"},
                  "Job Id: 9.pbs\n    stime = Wed May  1 11:00:00 2024\n"
                  "    Resource_List.walltime = 01:00:00\n",
                  {}};
  const Deadline d =
      find_deadline({}, job_of(BatchSystem::pbs, "9.pbs"), env_of({}), query.fn(), kNow);
  EXPECT_EQ(d.epoch, kNoonUtc);
  EXPECT_EQ(d.source, "qstat stime + walltime");
}

TEST(FindDeadline, ALocalRunHasNone) {
  EXPECT_FALSE(
      find_deadline({}, BatchJob{}, env_of({{"COBALT_ENDTIME", "1"}}), FakeQuery{}.fn(), kNow)
          .known());
}

TEST(DeadlineDue, OnlyWithinTheMargin) {
  const Deadline d{kNoonUtc, "--deadline"};
  EXPECT_FALSE(deadline_due(d, 300.0, kNoonUtc - 301.0));
  EXPECT_TRUE(deadline_due(d, 300.0, kNoonUtc - 300.0));
  EXPECT_TRUE(deadline_due(d, 0.0, kNoonUtc + 1.0));
  EXPECT_FALSE(deadline_due(Deadline{}, 1e9, kNoonUtc));
}

TEST(DeadlineDescribe, NamesTimeSourceAndDistance) {
  EXPECT_EQ(describe(Deadline{kNoonUtc, "squeue %e"}, kNow),
            "2024-05-01T12:00:00Z (squeue %e, in 600 s)");
  EXPECT_EQ(describe(Deadline{}, kNow), "none");
}

} // namespace
} // namespace hpsearch
