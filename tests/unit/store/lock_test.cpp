// The checkpoint lock's heartbeat and lease (store/checkpoint_lock.hpp,
// store/lock_staleness.hpp): real lock files in a temporary directory, their age set with
// utimensat as a file server would stamp it, other hosts played by the lock's text.
#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/store/checkpoint_lock.hpp"
#include "hpsearch/store/lock_evidence.hpp"
#include "temp_dir.hpp"

#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace hpsearch {
namespace {

using test::TempDir;

/// A lock written by a manager on another node: heartbeat `heartbeat` by its own clock.
LockOwner other_owner(double heartbeat = 0.0) {
  LockOwner o;
  o.host = "node-b.example.org";
  o.pid = 4321;
  o.job_id = "777";
  o.scheduler = "slurm";
  o.start_time = "99";
  o.refresh = 0.125;
  o.heartbeat = heartbeat > 0 ? heartbeat : wall_seconds();
  return o;
}

void write_lock(const std::string& ckpt, const LockOwner& owner) {
  std::ofstream(CheckpointLock::lock_path(ckpt)) << format_lock(owner);
}

/// Stamps the lock's mtime `seconds_ago` before the file system's clock now.
void age_lock(const std::string& ckpt, double seconds_ago) {
  const double t = file_system_now(CheckpointLock::lock_path(ckpt)) - seconds_ago;
  timespec times[2];
  for (auto& ts : times) {
    ts.tv_sec = static_cast<time_t>(t);
    ts.tv_nsec = static_cast<long>((t - static_cast<double>(ts.tv_sec)) * 1e9);
  }
  ASSERT_EQ(::utimensat(AT_FDCWD, CheckpointLock::lock_path(ckpt).c_str(), times, 0), 0);
}

/// The lock file's owner as written now.
std::string text_of(const std::string& lock_file) {
  std::ifstream in(lock_file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

LockOwner owner_in(const std::string& lock_file) {
  return parse_lock(text_of(lock_file));
}

double lock_mtime(const std::string& ckpt) {
  const auto held = read_held_lock(CheckpointLock::lock_path(ckpt));
  return held ? held->mtime : 0.0;
}

std::string refusal(const std::string& ckpt, const LockPolicy& policy) {
  std::string warning;
  try {
    CheckpointLock lock = CheckpointLock::acquire(ckpt, "mine", policy, warning);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    return e.what();
  }
  ADD_FAILURE() << "the lock was taken: " << warning;
  return {};
}

LockPolicy lease(double seconds) {
  LockPolicy policy;
  policy.lease = seconds;
  return policy;
}

TEST(LockLease, AFreshHeartbeatOnAnotherHostIsRefusedWithItsAgeAndTheLeaseLeft) {
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  write_lock(ckpt, other_owner());
  age_lock(ckpt, 2.0);
  const std::string msg = refusal(ckpt, lease(60));
  EXPECT_NE(msg.find("in use by host node-b.example.org, pid 4321, job 777"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("its heartbeat is 2."), std::string::npos) << msg;
  EXPECT_NE(msg.find("lease of 60 s expires in 58"), std::string::npos) << msg;
  EXPECT_EQ(owner_in(CheckpointLock::lock_path(ckpt)).pid, 4321)
      << "a refused contender leaves the lock alone";
}

TEST(LockLease, AnExpiredHeartbeatOnAnotherHostIsTakenOverNamingTheOldOwner) {
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  write_lock(ckpt, other_owner());
  age_lock(ckpt, 10.0);
  std::string warning;
  CheckpointLock lock = CheckpointLock::acquire(ckpt, "mine", lease(3), warning);
  EXPECT_NE(warning.find("took over the stale lock"), std::string::npos) << warning;
  EXPECT_NE(warning.find("host node-b.example.org, pid 4321, job 777, heartbeat 10."),
            std::string::npos)
      << warning;
  EXPECT_NE(warning.find("older than the lease of 3.0 s"), std::string::npos) << warning;
  const LockOwner now = owner_in(CheckpointLock::lock_path(ckpt));
  EXPECT_EQ(now.pid, static_cast<std::int64_t>(::getpid()));
  EXPECT_EQ(now.job_id, "mine");
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename(), "run.h5.lock") << "nothing but the new lock is left";
  }
}

TEST(LockLease, TheLeaseIsAtLeastThreeOfTheOwnersRefreshIntervals) {
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  LockOwner slow = other_owner();
  slow.refresh = 5.0; // an owner with a 2-minute lease beats every 5 s
  write_lock(ckpt, slow);
  age_lock(ckpt, 10.0);
  const std::string msg = refusal(ckpt, lease(3));
  EXPECT_NE(msg.find("lease of 15 s"), std::string::npos) << msg;
}

TEST(LockLease, AgeIsTheFileSystemsNotTheWritersClock) {
  // The owner's clock runs an hour late, so its heartbeat line says "an hour ago"; the file
  // system stamped the lock just now: live.
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  write_lock(ckpt, other_owner(wall_seconds() - 3600));
  refusal(ckpt, lease(3));
  // The owner's clock runs an hour early ("just now"), but the file system last stamped
  // the lock an hour ago: stale.
  write_lock(ckpt, other_owner(wall_seconds() + 3600));
  age_lock(ckpt, 3600);
  std::string warning;
  CheckpointLock lock = CheckpointLock::acquire(ckpt, "mine", lease(3), warning);
  EXPECT_NE(warning.find("heartbeat 3600."), std::string::npos) << warning;
}

TEST(LockLease, ALockStampedInTheFutureCountsAsFresh) {
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  write_lock(ckpt, other_owner());
  age_lock(ckpt, -600); // a file system stamping with a client clock 10 minutes ahead
  const std::string msg = refusal(ckpt, lease(3));
  EXPECT_NE(msg.find("its heartbeat is 0.0 s old"), std::string::npos) << msg;
}

TEST(LockLease, ALockWithoutHeartbeatsOnAnotherHostIsNeverJudgedByAge) {
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  std::ofstream(CheckpointLock::lock_path(ckpt)) << "host node-c\npid 1\njob 9\nstart 1\n";
  age_lock(ckpt, 86400);
  const std::string msg = refusal(ckpt, lease(3));
  EXPECT_NE(msg.find("without heartbeats"), std::string::npos) << msg;
}

TEST(LockLease, AFinishedBatchJobIsTakenOverDespiteAFreshHeartbeat) {
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  write_lock(ckpt, other_owner());
  LockPolicy policy = lease(60);
  std::string asked;
  policy.job_finished = [&](const LockOwner& o) {
    asked = o.scheduler + " " + o.job_id;
    return false;
  };
  refusal(ckpt, policy);
  EXPECT_EQ(asked, "slurm 777") << "a running job keeps its lock";
  policy.job_finished = [](const LockOwner&) { return true; };
  std::string warning;
  CheckpointLock lock = CheckpointLock::acquire(ckpt, "mine", policy, warning);
  EXPECT_NE(warning.find("its batch job 777 has finished (slurm)"), std::string::npos) << warning;
  EXPECT_NE(warning.find("pid 4321"), std::string::npos) << warning;
}

TEST(LockLease, ALiveProcessOnThisHostIsRefusedWhateverItsHeartbeat) {
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  LockOwner me = CheckpointLock::self("old");
  me.refresh = 0.125;
  write_lock(ckpt, me);
  age_lock(ckpt, 3600);
  const std::string msg = refusal(ckpt, lease(3));
  EXPECT_NE(msg.find("that process is running on this host"), std::string::npos) << msg;
}

/// Polls `condition` for up to `seconds` (generous: the machine may be loaded).
template <class F> bool eventually(F condition, double seconds = 20.0) {
  const double end = monotonic_seconds() + seconds;
  while (monotonic_seconds() < end) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

TEST(LockHeartbeat, TheHolderKeepsItsLockFreshAndRemovesItOnRelease) {
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  std::string warning;
  {
    CheckpointLock lock = CheckpointLock::acquire(ckpt, "mine", lease(1), warning);
    const std::string first = text_of(lock.path());
    EXPECT_NE(first.find("refresh 0.125\n"), std::string::npos) << first;
    age_lock(ckpt, 3600);
    const double old = lock_mtime(ckpt);
    EXPECT_TRUE(eventually([&] { return lock_mtime(ckpt) > old + 3000; }))
        << "the heartbeat did not refresh the lock's mtime";
    const LockOwner now = owner_in(lock.path());
    EXPECT_GT(now.heartbeat, parse_lock(first).heartbeat) << "the heartbeat line moves on";
    EXPECT_EQ(now.pid, static_cast<std::int64_t>(::getpid())) << "the rest is unchanged";
    EXPECT_FALSE(lock.lost());
  }
  EXPECT_FALSE(std::filesystem::exists(CheckpointLock::lock_path(ckpt))) << "released";
}

TEST(LockHeartbeat, ALockTakenOverMeanwhileIsNoticedAndLeftToItsNewOwner) {
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  const std::string path = CheckpointLock::lock_path(ckpt);
  std::string warning;
  {
    CheckpointLock lock = CheckpointLock::acquire(ckpt, "mine", lease(1), warning);
    std::filesystem::rename(path, dir.file("moved"));
    write_lock(ckpt, other_owner());
    EXPECT_TRUE(eventually([&] { return lock.lost(); })) << "the heartbeat noticed";
  }
  EXPECT_EQ(owner_in(path).pid, 4321) << "the new owner's lock is neither refreshed nor removed";
}

/// A pid of this host that no longer exists: a child that exited and was reaped.
long dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return static_cast<long>(child);
}

TEST(LockTakeOver, AMarkerLeftByAManagerKilledDuringItsTakeOverDoesNotBlockTheNext) {
  // kill -9 between creating the take-over marker and removing it leaves the marker; the
  // next manager must not wait out the lease (2 minutes) on it: its owner is gone.
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  write_lock(ckpt, other_owner());
  age_lock(ckpt, 3600);
  const std::string marker = CheckpointLock::lock_path(ckpt) + ".takeover";
  std::ofstream(marker) << lock_host_name() << " " << dead_pid();
  std::string warning;
  CheckpointLock lock = CheckpointLock::acquire(ckpt, "mine", lease(60), warning);
  EXPECT_NE(warning.find("took over the stale lock"), std::string::npos) << warning;
  EXPECT_FALSE(std::filesystem::exists(marker)) << "the dead owner's marker was removed";
}

TEST(LockTakeOver, AMarkerOfALiveProcessIsStillRespected) {
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  write_lock(ckpt, other_owner());
  age_lock(ckpt, 3600);
  const std::string marker = CheckpointLock::lock_path(ckpt) + ".takeover";
  std::ofstream(marker) << lock_host_name() << " " << static_cast<long>(::getpid());
  std::string warning;
  try {
    CheckpointLock lock = CheckpointLock::acquire(ckpt, "mine", lease(60), warning);
    ADD_FAILURE() << "took the lock past a live take-over: " << warning;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("keeps changing"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(".takeover"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(std::filesystem::exists(marker));
}

TEST(LockTakeOver, OfSeveralContendersForAStaleLockExactlyOneWins) {
  constexpr int contenders = 6;
  for (int round = 0; round < 3; ++round) {
    TempDir dir;
    const std::string ckpt = dir.file("run.h5");
    write_lock(ckpt, other_owner());
    age_lock(ckpt, 3600);
    int go[2];
    int hold[2];
    int results[2];
    ASSERT_EQ(::pipe(go), 0);
    ASSERT_EQ(::pipe(hold), 0);
    ASSERT_EQ(::pipe(results), 0);
    std::vector<pid_t> children;
    for (int i = 0; i < contenders; ++i) {
      const pid_t child = ::fork();
      ASSERT_GE(child, 0);
      if (child == 0) {
        ::close(go[1]);
        ::close(hold[1]);
        char c;
        [[maybe_unused]] auto n = ::read(go[0], &c, 1); // all start together
        char result = 'E';
        try {
          std::string warning;
          CheckpointLock lock = CheckpointLock::acquire(ckpt, "c", lease(60), warning);
          result = 'W';
          n = ::write(results[1], &result, 1);
          n = ::read(hold[0], &c, 1); // hold the lock until every contender has answered
        } catch (const Error& e) {
          result = std::string(e.what()).find("in use by") != std::string::npos ? 'R' : 'E';
          n = ::write(results[1], &result, 1);
        }
        ::_exit(0);
      }
      children.push_back(child);
    }
    ::close(go[0]);
    ::close(go[1]); // EOF: go
    std::string answers;
    for (int i = 0; i < contenders; ++i) {
      char c = 0;
      ASSERT_EQ(::read(results[0], &c, 1), 1);
      answers += c;
    }
    ::close(hold[1]);
    ::close(hold[0]);
    for (const pid_t child : children) ::waitpid(child, nullptr, 0);
    ::close(results[0]);
    ::close(results[1]);
    EXPECT_EQ(std::count(answers.begin(), answers.end(), 'W'), 1) << answers;
    EXPECT_EQ(std::count(answers.begin(), answers.end(), 'R'), contenders - 1) << answers;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      EXPECT_EQ(entry.path().filename(), "run.h5.lock") << "no marker or aside file is left";
    }
  }
}

} // namespace
} // namespace hpsearch
