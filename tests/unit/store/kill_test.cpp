// Kill safety (DESIGN.md §4): a writer SIGKILLed at a random instant leaves a readable
// checkpoint that holds every row whose append() had returned.
#include "hpsearch/core/error.hpp"
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/reader.hpp"
#include "store_test_util.hpp"

#include <chrono>
#include <cstdint>
#include <gtest/gtest.h>
#include <poll.h>
#include <random>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace hpsearch {
namespace {

/// Child: creates the checkpoint, then appends forever, writing the number of rows
/// appended (and so flushed) to `fd` after each append. Never returns.
[[noreturn]] void append_forever(const std::string& path, int fd) {
  try {
    Checkpoint cp = Checkpoint::create(path, test::mixed_space(), test::test_info());
    for (std::int64_t i = 0;; ++i) {
      cp.append(test::make_evaluation(i));
      const std::int64_t done = i + 1;
      if (write(fd, &done, sizeof done) != static_cast<ssize_t>(sizeof done)) _exit(3);
    }
  } catch (...) {
    _exit(2);
  }
}

/// Parent: reads counts from `fd` until `deadline`, returns the last one.
std::int64_t read_counts_until(int fd, std::chrono::steady_clock::time_point deadline) {
  std::int64_t last = 0;
  std::int64_t buf[512];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return last;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return last;
    // Counts are written whole (8 bytes < PIPE_BUF), so reads end on count boundaries.
    last = buf[static_cast<std::size_t>(n) / sizeof(std::int64_t) - 1];
  }
}

/// Waits up to `limit` for `child` to exit 0; SIGKILLs it when it overstays.
bool exited_cleanly(pid_t child, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (waitpid(child, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
      ADD_FAILURE() << "child " << child << " did not exit within " << limit.count() << " ms";
      return false;
    }
    usleep(1000);
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

TEST(KillSafety, EveryFlushedRowSurvivesSigkill) {
  const unsigned seed = 20240501;
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay_ms(30, 250);
  test::TempDir dir;
  for (int trial = 0; trial < 5; ++trial) {
    const int delay = delay_ms(rng);
    SCOPED_TRACE("seed " + std::to_string(seed) + ", trial " + std::to_string(trial) +
                 ", kill after " + std::to_string(delay) + " ms");
    const std::string path = dir.file("killed" + std::to_string(trial) + ".h5");
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      append_forever(path, fds[1]);
    }
    close(fds[1]);
    // The delay counts from the first flushed row, so a slow start (a loaded machine)
    // never leaves the trial without rows.
    std::int64_t flushed = 0;
    pollfd first{fds[0], POLLIN, 0};
    ASSERT_EQ(poll(&first, 1, 10000), 1) << "the writer appended nothing within 10 s";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(delay);
    flushed = read_counts_until(fds[0], deadline);
    kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer exited by itself, status " << status;
    // Counts still in the pipe were also flushed before the kill.
    flushed = std::max(flushed, read_counts_until(fds[0], std::chrono::steady_clock::now() +
                                                              std::chrono::milliseconds(50)));
    close(fds[0]);
    ASSERT_GT(flushed, 0) << "the writer appended nothing before the kill";

    CheckpointContents c;
    ASSERT_NO_THROW(c = read_checkpoint(path));
    ASSERT_GE(static_cast<std::int64_t>(c.evaluations.size()), flushed);
    EXPECT_LE(static_cast<std::int64_t>(c.evaluations.size()), flushed + 1); // one in flight
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(c.evaluations.size()); ++i) {
      const Evaluation want = test::make_evaluation(i);
      const Evaluation& got = c.evaluations[static_cast<std::size_t>(i)];
      ASSERT_EQ(got.id, want.id);
      ASSERT_EQ(got.config, want.config) << "row " << i;
      ASSERT_EQ(got.message, want.message) << "row " << i;
    }
  }
}

TEST(KillSafety, LiveCheckpointIsReadableFromAnotherProcess) {
  // The writer keeps HDF5's exclusive lock while it runs; `hpsearch show` must read anyway.
  test::TempDir dir;
  const std::string path = dir.file("live.h5");
  int ready[2], done[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(done), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(ready[0]);
    close(done[1]); // else the child's own copy keeps the read below from ever ending
    try {
      Checkpoint cp = Checkpoint::create(path, test::mixed_space(), test::test_info());
      for (int i = 0; i < 5; ++i) cp.append(test::make_evaluation(i));
      const char c = 'r';
      if (write(ready[1], &c, 1) != 1) _exit(3);
      char x = 0;
      (void)!read(done[0], &x, 1); // hold the file open until the parent has read it
      _exit(0);
    } catch (...) {
      _exit(2);
    }
  }
  close(ready[1]);
  close(done[0]);
  char c = 0;
  ASSERT_EQ(read(ready[0], &c, 1), 1) << "the writer failed";
  std::size_t rows = 0;
  EXPECT_NO_THROW(rows = read_checkpoint(path).evaluations.size());
  EXPECT_EQ(rows, 5u);
  close(done[1]);
  close(ready[0]);
  EXPECT_TRUE(exited_cleanly(child, std::chrono::seconds(5)));
}

} // namespace
} // namespace hpsearch
