// A checkpoint read while its search writes it. HDF5 without SWMR gives another process no
// consistent view of a file being written: a reader can find a dataset whose object header
// lies past the end of the file it saw (seen in `hpsearch report` on a running search:
// "cannot read /state/jobs1 ... invalid len with respect to EOA"). read_checkpoint retries
// such a read while the search's lock says the file is being written, each time on a copy
// of the file's bytes taken in one pass (a torn parse of the live file failed 8 attempts in a
// row in rehearsal ci19, under load).
#include "hpsearch/core/error.hpp"
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/checkpoint_lock.hpp"
#include "hpsearch/store/reader.hpp"
#include "hpsearch/store/resume_state.hpp"
#include "store_test_util.hpp"

#include <chrono>
#include <gtest/gtest.h>
#include <memory>
#include <signal.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace hpsearch {
namespace {

/// Writes as a manager does, events a few hundred microseconds apart, until killed (and at
/// most 20,000 of them): per event a row, job log records, a state naming them and a flush; the job
/// log restarts in the other dataset now and then, as compaction does.
[[noreturn]] void write_forever(const std::string& path, int ready_fd) {
  try {
    std::string warning;
    const CheckpointLock lock = CheckpointLock::acquire(path, "", warning);
    Checkpoint cp = Checkpoint::create(path, test::mixed_space(), test::test_info());
    cp.write_strategy_snapshot("snap");
    for (JobId id = 0; id < 20000; ++id) {
      cp.add(test::make_evaluation(id));
      PendingJob job{
          id + 1, test::make_evaluation(id + 1).config, 1.0, 0.0, 1, -1, "host", id + 1, 0.0, 0};
      std::string records = job_sent_record(encode_job_line(job)) + job_ended_record(id);
      ResumeState s;
      s.saved_at = static_cast<double>(id);
      s.rows = cp.rows();
      s.snapshot = 1;
      s.jobs = id % 50 == 49 ? cp.restart_jobs(job_sent_record(encode_job_line(job)))
                             : cp.append_jobs(records);
      cp.write_state(encode_state(s));
      cp.flush();
      // Ready once a whole first event is on disk: every read from then on has a state.
      const char c = 'r';
      if (id == 0 && write(ready_fd, &c, 1) != 1) _exit(3);
      usleep(300);
    }
    for (;;) pause();
  } catch (...) {
    _exit(2);
  }
}

TEST(LiveRead, ACheckpointBeingWrittenReadsWholeEveryTime) {
  test::TempDir dir;
  const std::string path = dir.file("live.h5");
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(ready[0]);
    write_forever(path, ready[1]);
  }
  close(ready[1]);
  // The writer ends with the test, even one that stops at a failed ASSERT.
  const std::unique_ptr<const pid_t, void (*)(const pid_t*)> writer(&child, [](const pid_t* pid) {
    kill(*pid, SIGKILL);
    int status = 0;
    waitpid(*pid, &status, 0);
  });
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1) << "the writer failed";
  close(ready[0]);
  int failures = 0;
  std::string first_error;
  std::size_t rows = 0;
  for (int i = 0; i < 100; ++i) {
    try {
      const CheckpointContents contents = read_checkpoint(path);
      EXPECT_GE(contents.evaluations.size(), rows) << "read " << i << " went back in time";
      rows = contents.evaluations.size();
      EXPECT_TRUE(contents.state.has_value()) << "read " << i << " found no state";
    } catch (const Error& e) {
      if (failures++ == 0) first_error = e.what();
    }
  }
  EXPECT_EQ(failures, 0) << "of 100 reads; the first: " << first_error;
  EXPECT_GT(rows, 0u) << "the writer wrote nothing while we read";
}

} // namespace
} // namespace hpsearch
