// prepare_run on real files: a resume opens the checkpoint once (issue 13: it was read
// read-only, then opened again read-write), counted by inotify on the file itself.
#include "hpsearch/runtime/run_setup.hpp"
#include "hpsearch/store/read_guard.hpp"
#include "temp_dir.hpp"

#include <array>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <sstream>
#include <sys/inotify.h>
#include <unistd.h>

namespace hpsearch {
namespace {

using test::TempDir;

/// Counts the open(2)s of one file (IN_OPEN events of an inotify watch on it). The kernel
/// merges an event into an identical one still unread just before it, so the reads and
/// closes are watched too: they separate one open from the next.
class OpenCounter {
public:
  explicit OpenCounter(const std::string& path) : fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
    if (fd_ < 0 || inotify_add_watch(fd_, path.c_str(), IN_OPEN | IN_ACCESS | IN_CLOSE) < 0) {
      ADD_FAILURE() << "cannot watch " << path;
    }
  }
  ~OpenCounter() {
    if (fd_ >= 0) close(fd_);
  }
  OpenCounter(const OpenCounter&) = delete;
  OpenCounter& operator=(const OpenCounter&) = delete;

  /// The opens since the last call (the kernel queues each event before open() returns).
  int opens() {
    int count = 0;
    alignas(inotify_event) std::array<char, 4096> buffer{};
    for (;;) {
      const ssize_t n = read(fd_, buffer.data(), buffer.size());
      if (n <= 0) return count;
      for (ssize_t at = 0; at < n;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + at);
        if ((event->mask & IN_OPEN) != 0) ++count;
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    }
  }

private:
  int fd_;
};

/// How many times the read guard's child opens `path` (run once on its own): prepare_run's
/// resume runs the guard first, in another process, then opens the file itself.
int guard_opens(const std::string& path, OpenCounter& counter) {
  guard_checkpoint_read(path, ReadGuardOptions{});
  const int opens = counter.opens();
  EXPECT_GE(opens, 1) << "the read guard reads the checkpoint";
  return opens;
}

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

RunOptions branin_options(const TempDir& dir) {
  RunOptions options;
  options.problem_path = HPSEARCH_FIXTURES "/good/branin_minimal.yaml";
  options.checkpoint = dir.file("search.h5");
  return options;
}

TEST(PrepareRun, AResumeOpensTheCheckpointOnce) {
  TempDir dir;
  const RunOptions options = branin_options(dir);
  std::ostringstream err;
  {
    const PreparedRun first = prepare_run(options, 3, err);
    EXPECT_FALSE(first.resumed);
  }
  OpenCounter counter(*options.checkpoint);
  const int guard = guard_opens(*options.checkpoint, counter);
  {
    const PreparedRun second = prepare_run(options, 3, err);
    EXPECT_TRUE(second.resumed);
    EXPECT_EQ(second.checkpoint->allocation(), 1);
  }
  EXPECT_EQ(counter.opens(), guard + 1) << "beyond the read guard's child, the checkpoint is "
                                           "read back through the file opened to continue it, "
                                           "not opened again";
  EXPECT_EQ(err.str(), "");
}

TEST(PrepareRun, ARefusedResumeOpensTheCheckpointOnceAndLeavesItAsItWas) {
  TempDir dir;
  RunOptions options = branin_options(dir);
  std::ostringstream err;
  { const PreparedRun first = prepare_run(options, 3, err); }
  const std::string before = bytes_of(*options.checkpoint);
  OpenCounter counter(*options.checkpoint);
  const int guard = guard_opens(*options.checkpoint, counter);
  options.problem_path = HPSEARCH_FIXTURES "/good/sphere_mixed.yaml"; // another space
  try {
    static_cast<void>(prepare_run(options, 3, err));
    ADD_FAILURE() << "a changed space must be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input) << e.what();
  }
  EXPECT_EQ(counter.opens(), guard + 1);
  EXPECT_TRUE(bytes_of(*options.checkpoint) == before) << "the refused file was written to";
}

} // namespace
} // namespace hpsearch
