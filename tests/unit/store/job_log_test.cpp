// The in-flight job log (/state/jobs0, /state/jobs1; resume_state.hpp "Job log"): the
// records, the version 3 state naming it, and what the reader does when a kill tore it.
#include "hpsearch/core/error.hpp"
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/reader.hpp"
#include "hpsearch/store/resume_state.hpp"
#include "hpsearch/store/schema.hpp"
#include "store_test_util.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace hpsearch {
namespace {

using test::make_evaluation;
using test::mixed_space;
using test::TempDir;
using test::test_info;

PendingJob job(JobId id) {
  return PendingJob{id,
                    make_evaluation(id).config,
                    1.5,
                    100.0 + static_cast<double>(id),
                    static_cast<int>(id % 7) + 1,
                    -1,
                    "node\t" + std::to_string(id),
                    id,
                    0.5,
                    2};
}

std::string sent(JobId id) {
  return job_sent_record(encode_job_line(job(id)));
}

std::vector<JobId> ids(const std::vector<PendingJob>& jobs) {
  std::vector<JobId> out;
  for (const auto& j : jobs) out.push_back(j.id);
  return out;
}

/// A version 3 state naming `jobs`, counting the checkpoint's rows, saved at `saved_at`.
std::string state(const Checkpoint& cp, const JobLogRef& jobs, int saved_at) {
  ResumeState s;
  s.saved_at = saved_at;
  s.rows = cp.rows();
  s.jobs = jobs;
  s.snapshot = 1;
  return encode_state(s);
}

/// A checkpoint whose newest state (saved at 2) names the job log with jobs 0..3 sent and
/// 1 ended, after an older one (saved at 1) with 0..2 sent; returns the two references.
std::pair<JobLogRef, JobLogRef> two_states(const std::string& path) {
  Checkpoint cp = Checkpoint::create(path, mixed_space(), test_info());
  cp.write_strategy_snapshot("snap");
  const JobLogRef first = cp.append_jobs(sent(0) + sent(1) + sent(2));
  cp.write_state(state(cp, first, 1));
  cp.flush();
  cp.add(make_evaluation(1));
  const JobLogRef second = cp.append_jobs(job_ended_record(1) + sent(3));
  cp.write_state(state(cp, second, 2));
  cp.flush();
  return {first, second};
}

TEST(JobLog, RecordsReplayToTheJobsStillInFlightById) {
  const std::string log = sent(4) + sent(2) + job_ended_record(4) + sent(9) + sent(2) +
                          job_ended_record(7); // 2 sent again replaces; 7 was never sent
  const std::vector<PendingJob> live = replay_job_log(log);
  ASSERT_EQ(ids(live), (std::vector<JobId>{2, 9}));
  EXPECT_EQ(live[0], job(2));
  EXPECT_EQ(live[1], job(9));
  EXPECT_TRUE(replay_job_log("").empty());
  EXPECT_THROW(replay_job_log("?3\n"), Error);
  EXPECT_THROW(replay_job_log("-x\n"), Error);
  EXPECT_THROW(replay_job_log(sent(1).substr(0, 10)), Error) << "an unterminated record";
}

TEST(JobLog, AVersion3StateNamesTheLogInsteadOfListingJobs) {
  ResumeState s;
  s.saved_at = 5;
  s.next_id = 9;
  s.rows = 3;
  s.jobs = JobLogRef{1, 1234, 0xfedcba9876543210ULL};
  s.requeue = {job(2)};
  s.snapshot = 4;
  s.ops = {"t2", "a8"};
  s.curves = 7;
  const std::string text = encode_state(s);
  EXPECT_EQ(text.rfind("hpsearch-state 3\n", 0), 0u);
  EXPECT_EQ(text.find("in_flight"), std::string::npos);
  EXPECT_EQ(decode_state(text), s);
  std::string bad = text;
  bad.replace(bad.find("jobs 1"), 6, "jobs 2");
  EXPECT_THROW(decode_state(bad), Error) << "a job log index other than 0 or 1";
}

TEST(JobLog, TheReaderListsTheLogsJobsInFlight) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  const auto [first, second] = two_states(path);
  EXPECT_EQ(second.index, first.index);
  EXPECT_EQ(second.length, first.length + job_ended_record(1).size() + sent(3).size());
  const CheckpointContents c = read_checkpoint(path);
  EXPECT_EQ(c.state->saved_at, 2.0);
  EXPECT_EQ(c.state->jobs, second);
  EXPECT_EQ(ids(c.state->in_flight), (std::vector<JobId>{0, 2, 3}));
  EXPECT_EQ(c.state->in_flight[2], job(3));
  EXPECT_FALSE(c.state_slot_damaged);
}

// A kill inside the flush of the second state: the state reached the file, its job log
// records did not whole (a torn tail). The reader takes the first state, whose bytes the
// append did not touch, with its jobs in flight.
TEST(JobLog, ATornTailFallsBackToThePreviousState) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  const auto [first, second] = two_states(path);
  test::damage_byte(path, schema::kJobLogs[second.index], second.length - 2);
  const CheckpointContents c = read_checkpoint(path);
  EXPECT_EQ(c.state->saved_at, 1.0);
  EXPECT_EQ(ids(c.state->in_flight), (std::vector<JobId>{0, 1, 2}));
  EXPECT_TRUE(c.state_slot_damaged);
}

TEST(JobLog, ALogShorterThanItsStateSaysFallsBackToo) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  {
    Checkpoint cp = Checkpoint::create(path, mixed_space(), test_info());
    cp.write_strategy_snapshot("snap");
    const JobLogRef first = cp.append_jobs(sent(0));
    cp.write_state(state(cp, first, 1));
    cp.flush();
    JobLogRef beyond = first;
    beyond.length += 1 << 20; // records whose extent never reached the file
    cp.write_state(state(cp, beyond, 2));
    cp.flush();
  }
  const CheckpointContents c = read_checkpoint(path);
  EXPECT_EQ(c.state->saved_at, 1.0);
  EXPECT_EQ(ids(c.state->in_flight), (std::vector<JobId>{0}));
}

TEST(JobLog, WithoutAWholeEarlierStateATornLogIsAnErrorNotAnEmptyList) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  JobLogRef ref;
  {
    Checkpoint cp = Checkpoint::create(path, mixed_space(), test_info());
    cp.write_strategy_snapshot("snap");
    ref = cp.append_jobs(sent(0) + sent(1));
    cp.write_state(state(cp, ref, 1));
    cp.flush();
  }
  test::damage_byte(path, schema::kJobLogs[ref.index], 3);
  try {
    read_checkpoint(path);
    FAIL() << "a torn job log with no earlier state was read";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("jobs in flight cannot be listed"), std::string::npos)
        << e.what();
  }
}

// A restart writes the other log; the log the durable state names keeps its bytes, so a
// kill that tears the restarted log leaves the previous state readable.
TEST(JobLog, ARestartWritesTheOtherLogAndATornOneFallsBack) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  JobLogRef restarted;
  {
    Checkpoint cp = Checkpoint::create(path, mixed_space(), test_info());
    cp.write_strategy_snapshot("snap");
    const JobLogRef first = cp.append_jobs(sent(0) + sent(1) + sent(2));
    cp.write_state(state(cp, first, 1));
    cp.flush();
    restarted = cp.restart_jobs(sent(2) + sent(5));
    EXPECT_NE(restarted.index, first.index);
    EXPECT_EQ(cp.jobs_length(), restarted.length);
    cp.write_state(state(cp, restarted, 2));
    cp.flush();
  }
  EXPECT_EQ(ids(read_checkpoint(path).state->in_flight), (std::vector<JobId>{2, 5}));
  test::damage_byte(path, schema::kJobLogs[restarted.index], 0);
  const CheckpointContents c = read_checkpoint(path);
  EXPECT_EQ(c.state->saved_at, 1.0);
  EXPECT_EQ(ids(c.state->in_flight), (std::vector<JobId>{0, 1, 2}));
}

// A resumed checkpoint's first job log write restarts in the log its state does not name,
// so a kill before the resumed run's first state is whole still finds that state's jobs.
TEST(JobLog, AResumeNeverOverwritesTheLogItsStateNames) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  const auto [first, second] = two_states(path);
  {
    Checkpoint cp = Checkpoint::open(path);
    EXPECT_EQ(cp.contents().state->jobs, second);
    cp.start_allocation({}, 0.0);
    const JobLogRef fresh = cp.append_jobs(sent(7));
    EXPECT_NE(fresh.index, second.index);
    EXPECT_EQ(fresh.length, sent(7).size());
    cp.flush(); // killed before its state was written
  }
  const CheckpointContents c = read_checkpoint(path);
  EXPECT_EQ(c.state->saved_at, 2.0);
  EXPECT_EQ(ids(c.state->in_flight), (std::vector<JobId>{0, 2, 3}));
}

// Checkpoints written before the job log (format 4, version 2 states listing their jobs)
// read and resume as before; the resumed run adds the job log datasets.
TEST(JobLog, AVersion2StateStillReadsAndResumesIntoAJobLog) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  {
    Checkpoint cp = Checkpoint::create(path, mixed_space(), test_info());
    cp.write_strategy_snapshot("snap");
    ResumeState s;
    s.saved_at = 1;
    s.snapshot = 1;
    s.in_flight = {job(3), job(4)};
    const std::string v2 = encode_state(s);
    ASSERT_EQ(v2.rfind("hpsearch-state 2\n", 0), 0u);
    cp.write_state(v2);
    cp.flush();
  }
  EXPECT_EQ(read_checkpoint(path).state->in_flight, (std::vector<PendingJob>{job(3), job(4)}));
  {
    Checkpoint cp = Checkpoint::open(path);
    EXPECT_EQ(cp.contents().state->jobs.index, -1);
    cp.start_allocation({}, 0.0);
    const JobLogRef ref = cp.append_jobs(sent(8));
    cp.write_state(state(cp, ref, 2));
    cp.flush();
  }
  const CheckpointContents c = read_checkpoint(path);
  EXPECT_EQ(c.state->saved_at, 2.0);
  EXPECT_EQ(ids(c.state->in_flight), (std::vector<JobId>{8}));
}

} // namespace
} // namespace hpsearch
