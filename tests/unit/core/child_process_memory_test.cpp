// SpawnSpec::memory_limit with real children (tests/fixtures/programs/memory_hog): the
// limit holds from the program's first instruction, an allocation past it ends the child
// (not this process) and is recognised as out of memory, under RLIMIT_DATA and, where this
// machine delegates the memory controller, under a cgroup v2 memory.max.
#include "hpsearch/core/cgroup_file.hpp"
#include "hpsearch/core/child_process.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/memory_cgroup.hpp"
#include "temp_dir.hpp"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

namespace hpsearch {
namespace {

using test::TempDir;
using ::testing::HasSubstr;

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;

/// Everything the child writes to stdout, until it closes it.
std::string read_all(ChildProcess& child) {
  std::string out;
  char buffer[4096];
  while (true) {
    pollfd fd{child.stdout_fd(), POLLIN, 0};
    ::poll(&fd, 1, 1000);
    const ssize_t n = ::read(child.stdout_fd(), buffer, sizeof buffer);
    if (n > 0) out.append(buffer, static_cast<std::size_t>(n));
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) break;
  }
  return out;
}

struct Finished {
  ExitStatus status;
  std::string out;
  std::string err;
  bool out_of_memory = false;
};

Finished run(SpawnSpec spec, const TempDir& dir) {
  spec.stderr_path = dir.file("stderr.log");
  ChildProcess child(spec);
  Finished f;
  f.out = read_all(child);
  // The end of stdout is not the end of the program (coreutils close stdout in an atexit
  // handler, then go on): wait for its own exit before killing what is left, or a loaded
  // machine sees SIGKILL instead of the status the program chose.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!child.try_wait() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  f.status = child.kill_and_reap();
  f.err = read_cgroup_file(spec.stderr_path).value_or("");
  f.out_of_memory = child.out_of_memory(f.err);
  return f;
}

SpawnSpec hog(long mib, std::uint64_t limit, std::string cgroup = {}) {
  SpawnSpec spec;
  spec.argv = {HPSEARCH_MEMORY_HOG, std::to_string(mib)};
  spec.memory_limit = MemoryLimit{limit};
  spec.memory_cgroup = std::move(cgroup);
  return spec;
}

TEST(ChildMemoryLimit, RlimitHoldsFromTheProgramsFirstInstructionAndOnlyInTheChild) {
  TempDir dir;
  rlimit before{};
  ::getrlimit(RLIMIT_DATA, &before);
  SpawnSpec spec;
  spec.argv = {"cat", "/proc/self/limits"}; // found in PATH, as without a limit
  spec.memory_limit = MemoryLimit{96 * kMiB};
  const Finished f = run(spec, dir);
  ASSERT_TRUE(f.status.success()) << f.status.describe() << f.err;
  EXPECT_THAT(f.out, testing::ContainsRegex("Max data size +100663296 +100663296 +bytes"));
  rlimit after{};
  ::getrlimit(RLIMIT_DATA, &after);
  EXPECT_EQ(after.rlim_cur, before.rlim_cur);
  EXPECT_EQ(after.rlim_max, before.rlim_max);
}

TEST(ChildMemoryLimit, AChildWithinTheRlimitRunsNormally) {
  TempDir dir;
  const Finished f = run(hog(16, 128 * kMiB), dir);
  EXPECT_TRUE(f.status.success()) << f.status.describe() << f.err;
  EXPECT_EQ(f.out, "objective: 16\n");
  EXPECT_FALSE(f.out_of_memory);
}

TEST(ChildMemoryLimit, AnAllocationPastTheRlimitEndsTheChildAsOutOfMemory) {
  TempDir dir;
  const Finished f = run(hog(512, 128 * kMiB), dir);
  EXPECT_FALSE(f.status.success());
  EXPECT_EQ(f.status.signal, SIGABRT) << f.status.describe();
  EXPECT_THAT(f.err, HasSubstr("std::bad_alloc"));
  EXPECT_TRUE(f.out_of_memory);
  EXPECT_EQ(f.out, ""); // it never got to print its objective
}

TEST(ChildMemoryLimit, AFailureThatIsNotAboutMemoryIsNotCalledOutOfMemory) {
  TempDir dir;
  SpawnSpec spec;
  spec.argv = {"sh", "-c", "echo 'some other error' >&2; kill -SEGV $$"};
  spec.memory_limit = MemoryLimit{128 * kMiB};
  const Finished f = run(spec, dir);
  EXPECT_EQ(f.status.signal, SIGSEGV) << f.status.describe();
  EXPECT_FALSE(f.out_of_memory);
}

TEST(ChildMemoryLimit, AMissingProgramIsStillReportedByTheSpawner) {
  SpawnSpec spec;
  spec.argv = {"hpsearch-no-such-program-xyz"};
  spec.memory_limit = MemoryLimit{128 * kMiB};
  try {
    ChildProcess child(spec);
    FAIL() << "started a missing program";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("no such program"));
  }
}

TEST(ChildMemoryLimit, ALimitBelowOneMebibyteIsRefused) {
  SpawnSpec spec;
  spec.argv = {"true"};
  spec.memory_limit = MemoryLimit{4096};
  EXPECT_THROW(ChildProcess child(spec), Error);
}

TEST(MemoryCgroup, ACgroupWithoutTheMemoryControllerIsUnusableAndSaysWhy) {
  TempDir dir; // a directory shaped like a cgroup whose parent delegates no memory
  std::ofstream(dir.file("cgroup.controllers")) << "cpu io pids\n";
  const MemoryCgroupProbe probe = prepare_memory_cgroup_at(dir.path().string());
  EXPECT_EQ(probe.parent, "");
  EXPECT_THAT(probe.reason, HasSubstr("memory controller is not available"));
  EXPECT_THAT(probe.reason, HasSubstr("cpu io pids"));
}

TEST(MemoryCgroup, ACgroupWhoseChildrenHaveMemoryIsUsedAsItIs) {
  TempDir dir;
  std::ofstream(dir.file("cgroup.controllers")) << "cpu memory pids\n";
  std::ofstream(dir.file("cgroup.subtree_control")) << "memory pids\n";
  EXPECT_EQ(prepare_memory_cgroup_at(dir.path().string()).parent, dir.path().string());
}

TEST(MemoryCgroup, TheMechanismSaysWhatItUses) {
  MemoryLimiter none{MemoryLimit{}};
  EXPECT_EQ(none.mechanism(), "none");
  SpawnSpec spec;
  none.apply(spec);
  EXPECT_FALSE(spec.memory_limit.is_set());
}

/// The per-job cgroup, where this machine allows one (cgroup v2 with the memory controller
/// delegated to this process's cgroup). This moves the test process into a leaf cgroup.
TEST(MemoryCgroup, AnAllocationPastMemoryMaxIsOomKilledAndCountedInMemoryEvents) {
  const MemoryCgroupProbe probe = prepare_memory_cgroup();
  if (probe.parent.empty()) {
    GTEST_SKIP() << "no per-job memory cgroup on this machine: " << probe.reason;
  }
  TempDir dir;
  const Finished within = run(hog(16, 128 * kMiB, probe.parent), dir);
  EXPECT_TRUE(within.status.success()) << within.status.describe() << within.err;
  EXPECT_FALSE(within.out_of_memory);
  const Finished past = run(hog(512, 128 * kMiB, probe.parent), dir);
  EXPECT_EQ(past.status.signal, SIGKILL) << past.status.describe() << past.err;
  EXPECT_TRUE(past.out_of_memory);
  // The job cgroups are gone.
  for (const auto& entry : std::filesystem::directory_iterator(probe.parent)) {
    EXPECT_EQ(entry.path().filename().string().rfind("hpsearch-job-", 0), std::string::npos)
        << entry.path();
  }
}

} // namespace
} // namespace hpsearch
