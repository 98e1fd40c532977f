// The resume side of the store: /state slots (torn writes), the state payload, reopening a
// checkpoint, /allocations and /curves, the lock file.
#include "hpsearch/core/error.hpp"
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/checkpoint_lock.hpp"
#include "hpsearch/store/reader.hpp"
#include "hpsearch/store/resume_state.hpp"
#include "hpsearch/store/schema.hpp"
#include "hpsearch/store/space_hash.hpp"
#include "store_test_util.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <hdf5.h>
#include <iterator>
#include <sys/wait.h>
#include <unistd.h>

namespace hpsearch {
namespace {

using test::make_evaluation;
using test::mixed_space;
using test::TempDir;
using test::test_info;

ResumeState sample_state() {
  ResumeState s;
  s.saved_at = 1714564800.125;
  s.next_id = 42;
  s.rows = 40;
  PendingJob a{40, make_evaluation(40).config, 2.5, 1714564799.5, 3, -1, "node 1\twith\nodd%chars"};
  a.config.set("note", std::string("a b\nc%d"));
  PendingJob b{41, make_evaluation(41).config, 0.0, 1714564800.0, 1, 7, "n2", 12, 3.0, 1};
  s.in_flight = {a, b};
  s.requeue = {PendingJob{7, make_evaluation(7).config, 1.0, 0.0, -1, -1, ""}};
  s.snapshot = 3;
  s.snapshot_rows = 38;
  s.ops = {"t38", "a", "t39", "a40", "a41"};
  return s;
}

/// A payload for a state whose strategy snapshot is `snapshot`.
std::string payload(std::uint64_t snapshot, int saved_at) {
  ResumeState s;
  s.saved_at = saved_at;
  s.snapshot = snapshot;
  return encode_state(s);
}

TEST(ResumeState, RoundTripsEveryFieldValueTypeAndOddCharacter) {
  const ResumeState s = sample_state();
  EXPECT_EQ(decode_state(encode_state(s)), s);
  const ResumeState empty;
  EXPECT_EQ(decode_state(encode_state(empty)), empty);
}

TEST(ResumeState, AVersion1PayloadWithoutTrialsStillReads) {
  // As written before trials existed: job lines without trial, from_fidelity and rung.
  const std::string v1 = "hpsearch-state 1\nsaved_at 5\nnext_id 9\nrows 8\nin_flight 1\n"
                         "8 2.5 4 1 -1 node1 1 x r 0.5\nrequeue 1\n3 0 0 -1 -1  0\n"
                         "snapshot 1 8\nops 0\n\n";
  const ResumeState s = decode_state(v1);
  ASSERT_EQ(s.in_flight.size(), 1U);
  EXPECT_EQ(s.in_flight[0].id, 8);
  EXPECT_EQ(s.in_flight[0].fidelity, 2.5);
  EXPECT_EQ(s.in_flight[0].host, "node1");
  EXPECT_EQ(s.in_flight[0].config.at("x"), Value{0.5});
  EXPECT_EQ(s.in_flight[0].trial, -1);
  EXPECT_EQ(s.in_flight[0].from_fidelity, 0.0);
  EXPECT_EQ(s.in_flight[0].rung, -1);
  ASSERT_EQ(s.requeue.size(), 1U);
  EXPECT_EQ(s.requeue[0].id, 3);
  EXPECT_TRUE(s.requeue[0].config.empty());
  EXPECT_EQ(s.next_id, 9);
}

TEST(ResumeState, MalformedPayloadIsAnErrorNamingState) {
  const std::string good = encode_state(sample_state());
  for (const std::string& bad : {std::string(), std::string("hpsearch-state 2\n"),
                                 std::string("hpsearch-state 3\n"), good.substr(0, good.size() / 2),
                                 good + "x", std::string("hpsearch-state 1\nsaved_at x\n")}) {
    try {
      decode_state(bad);
      ADD_FAILURE() << "accepted: " << bad.substr(0, 40);
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("/state"), std::string::npos) << e.what();
    }
  }
}

TEST(Checkpoint, StateAllocationsAndCurvesReadBack) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  Allocation first{1714564800.0, 0.0, 4, 123, "job7", "node1", ""};
  {
    Checkpoint cp = Checkpoint::create(path, mixed_space(), test_info(), first);
    Evaluation first_row = make_evaluation(0);
    first_row.fidelity = 3.0;
    cp.add(first_row, RowExtras{-1, 99});
    cp.add(make_evaluation(1), RowExtras{0, 0});
    cp.add_curve({{0, 1, 0.5}, {0, 2, 0.25}});
    EXPECT_EQ(cp.write_strategy_snapshot("one"), 1u);
    EXPECT_EQ(cp.write_strategy_snapshot(std::string("opaque\0state", 12)), 2u);
    EXPECT_EQ(cp.write_strategy_snapshot("three"), 3u);
    cp.write_state(encode_state(sample_state())); // builds on snapshot 3
    cp.flush();
    cp.end_allocation(1714564900.0, "max_evals reached");
  }
  const CheckpointContents c = read_checkpoint(path);
  ASSERT_EQ(c.evaluations.size(), 2u);
  EXPECT_EQ(c.extras[0], (RowExtras{-1, 0})); // the allocation is the checkpoint's
  EXPECT_EQ(c.extras[1], (RowExtras{0, 0}));
  EXPECT_EQ(c.evaluations[0].fidelity, 3.0);
  EXPECT_EQ(c.evaluations[1].fidelity, 0.0);
  EXPECT_EQ(c.curves, (std::vector<CurvePoint>{{0, 1, 0.5}, {0, 2, 0.25}}));
  ASSERT_TRUE(c.state.has_value());
  ResumeState want = sample_state();
  want.strategy = "three";
  EXPECT_EQ(*c.state, want);
  ASSERT_EQ(c.allocations.size(), 1u);
  EXPECT_EQ(c.allocations[0].exit_reason, "max_evals reached");
  EXPECT_EQ(c.allocations[0].end, 1714564900.0);
  EXPECT_EQ(c.allocations[0].ranks, 4);
  EXPECT_EQ(c.allocations[0].job_id, "job7");
  EXPECT_EQ(c.space_text, canonical_space_text(mixed_space()));
}

TEST(Checkpoint, OpenContinuesTheFileAndMarksAKilledAllocation) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  {
    Checkpoint cp =
        Checkpoint::create(path, mixed_space(), test_info(), {10.0, 0.0, 3, 1, "", "h", ""});
    for (int i = 0; i < 5; ++i) cp.append(make_evaluation(i));
    cp.write_strategy_snapshot("first");
    cp.write_state(payload(1, 1));
    cp.flush();
    // destroyed without end_allocation: like a kill, the allocation stays "running"
  }
  {
    Checkpoint cp = Checkpoint::open(path);
    cp.start_allocation({20.0, 0.0, 5, 2, "j2", "h", ""}, 15.0);
    EXPECT_EQ(cp.rows(), 5);
    EXPECT_EQ(cp.allocation(), 1);
    for (int i = 5; i < 8; ++i) cp.append(make_evaluation(i));
    EXPECT_EQ(cp.write_strategy_snapshot("second"), 2u);
    EXPECT_EQ(cp.write_strategy_snapshot("third"), 3u); // continues the file's sequence
    ResumeState state = sample_state();
    state.rows = 8; // the rows it counts are in the file (else the reader takes the older)
    cp.write_state(encode_state(state));
    cp.flush();
    cp.end_allocation(30.0, "stopped by SIGTERM");
  }
  const CheckpointContents c = read_checkpoint(path);
  ASSERT_EQ(c.evaluations.size(), 8u);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(c.evaluations[i].id, i);
    EXPECT_EQ(c.extras[i].allocation, i < 5 ? 0 : 1);
  }
  ASSERT_EQ(c.allocations.size(), 2u);
  EXPECT_EQ(c.allocations[0].exit_reason, schema::kExitKilled);
  EXPECT_EQ(c.allocations[0].end, 15.0);
  EXPECT_EQ(c.allocations[1].exit_reason, "stopped by SIGTERM");
  EXPECT_EQ(c.allocations[1].ranks, 5);
  EXPECT_EQ(c.state->strategy, "third");
}

TEST(Checkpoint, OpenReadsTheFileBackAndWritesNothingBeforeAnAllocationStarts) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  {
    Checkpoint cp = Checkpoint::create(path, mixed_space(), test_info());
    for (int i = 0; i < 3; ++i) cp.append(make_evaluation(i));
    cp.write_strategy_snapshot("first");
    cp.write_state(payload(1, 1));
    cp.flush();
  }
  const auto bytes = [&] {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  const std::string before = bytes();
  {
    Checkpoint cp = Checkpoint::open(path);
    const CheckpointContents c = cp.contents();
    const CheckpointContents expected = read_checkpoint(path);
    ASSERT_EQ(c.evaluations.size(), 3u);
    EXPECT_EQ(c.space_text, expected.space_text);
    EXPECT_EQ(c.allocations.size(), expected.allocations.size());
    EXPECT_EQ(c.state->saved_at, expected.state->saved_at);
    EXPECT_THROW(cp.add(make_evaluation(3)), Error) << "a row before start_allocation()";
  } // closed without starting an allocation: a refused resume
  EXPECT_TRUE(bytes() == before) << "opening to resume wrote to the file";
}

/// Overwrites byte `offset` of /state/slotN (a torn write).
void damage_slot(const std::string& path, int slot, hsize_t offset) {
  test::damage_byte(path, schema::kStateSlots[slot], offset);
}

TEST(Checkpoint, ATornStateWriteFallsBackToThePreviousState) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  {
    Checkpoint cp = Checkpoint::create(path, mixed_space(), test_info());
    cp.write_strategy_snapshot("one");
    cp.write_state(payload(1, 1));
    cp.write_strategy_snapshot("two");
    cp.write_state(payload(2, 2)); // sequence 2: slot 0
    cp.flush();
  }
  EXPECT_EQ(read_checkpoint(path).state->strategy, "two");
  damage_slot(path, 0, schema::kStateHeaderSize + 5); // payload of the newest: checksum fails
  const CheckpointContents c = read_checkpoint(path);
  EXPECT_EQ(c.state->saved_at, 1.0);
  EXPECT_EQ(c.state->strategy, "one"); // the snapshot the older state names is still there
  EXPECT_TRUE(c.state_slot_damaged);
  {
    // The next write goes to the damaged slot, so the intact one survives another tear.
    Checkpoint cp = Checkpoint::open(path);
    cp.start_allocation({}, 0.0);
    cp.write_state(payload(2, 3));
    cp.flush();
  }
  EXPECT_EQ(read_checkpoint(path).state->saved_at, 3.0);
  damage_slot(path, 1, 2); // and both damaged: an error, not a silent restart
  damage_slot(path, 0, 2);
  EXPECT_THROW(read_checkpoint(path), Error);
}

/// A state counting `rows` rows and `curves` curve points, saved at `saved_at`, built on
/// strategy snapshot `snapshot`.
std::string counting(std::int64_t rows, std::int64_t curves, int saved_at, std::uint64_t snapshot) {
  ResumeState s;
  s.saved_at = saved_at;
  s.rows = rows;
  s.curves = curves;
  s.snapshot = snapshot;
  return encode_state(s);
}

// The journal writes a batch's rows, curves and state in one flush; a kill inside it can
// leave the state on disk without its rows or curve points. The reader then takes the
// previous state, and a resume's next writes keep it (state and strategy snapshot) until a
// newer one is whole.
TEST(Checkpoint, AStateWithoutItsRowsOrCurvesFallsBackToThePreviousOne) {
  TempDir dir;
  const std::string path = dir.file("run.h5");
  {
    Checkpoint cp = Checkpoint::create(path, mixed_space(), test_info());
    for (int i = 0; i < 3; ++i) cp.add(make_evaluation(i));
    cp.add_curve({{0, 1, 0.5}});
    cp.write_strategy_snapshot("one");                            // sequence 1
    cp.write_state(counting(cp.rows(), cp.curve_points(), 1, 1)); // slot 1
    cp.flush();
    EXPECT_EQ(cp.curve_points(), 1);
    cp.add(make_evaluation(3));
    cp.write_strategy_snapshot("two");    // sequence 2
    cp.write_state(counting(5, 1, 2, 2)); // counts a row that never reached the file
    cp.flush();
  }
  CheckpointContents c = read_checkpoint(path);
  EXPECT_EQ(c.evaluations.size(), 4u); // the row that did reach it is read as ever
  EXPECT_EQ(c.state->saved_at, 1.0);
  EXPECT_EQ(c.state->strategy, "one");
  EXPECT_TRUE(c.state_slot_damaged);
  {
    Checkpoint cp = Checkpoint::open(path);
    EXPECT_EQ(cp.contents().state->saved_at, 1.0);
    cp.start_allocation({}, 0.0);
    cp.write_strategy_snapshot("three");
    cp.write_state(counting(100, 1, 3, 4)); // torn again: must not have overwritten state 1
    cp.flush();
  }
  c = read_checkpoint(path);
  EXPECT_EQ(c.state->saved_at, 1.0);
  EXPECT_EQ(c.state->strategy, "one"); // nor its snapshot
  {
    Checkpoint cp = Checkpoint::open(path);
    EXPECT_EQ(cp.contents().state->saved_at, 1.0);
    cp.start_allocation({}, 0.0);
    cp.write_state(counting(4, 2, 4, 1)); // a curve point short
    cp.flush();
  }
  EXPECT_EQ(read_checkpoint(path).state->saved_at, 1.0);
  {
    Checkpoint cp = Checkpoint::open(path);
    cp.contents();
    cp.start_allocation({}, 0.0);
    cp.write_state(counting(4, 1, 5, 1)); // whole
    cp.flush();
  }
  c = read_checkpoint(path);
  EXPECT_EQ(c.state->saved_at, 5.0);
  EXPECT_FALSE(c.state_slot_damaged);
}

TEST(SpaceDifferences, NameEachChangedAddedAndRemovedParameter) {
  SearchSpace a = mixed_space();
  SearchSpace b;
  b.add(Parameter::real("lr", 1e-5, 1e-2, true)); // changed
  b.add(Parameter::integer("units", 16, 1024, true));
  b.add(Parameter::integer("depth", 1, 4)); // added
  const auto diff = space_differences(canonical_space_text(a), canonical_space_text(b));
  std::string all;
  for (const auto& d : diff) all += d + "\n";
  EXPECT_NE(all.find("parameter 'lr' changed from real [1e-05, 0.1] log to real [1e-05, 0.01] log"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("'depth' was added"), std::string::npos) << all;
  EXPECT_NE(all.find("'activation' was removed"), std::string::npos) << all;
  EXPECT_TRUE(space_differences(canonical_space_text(a), canonical_space_text(a)).empty());
}

TEST(CheckpointLock, SecondAcquireIsRefusedNamingHostPidAndJob) {
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  std::string warning;
  {
    CheckpointLock lock = CheckpointLock::acquire(ckpt, "job-1", warning);
    EXPECT_TRUE(warning.empty());
    std::ifstream in(CheckpointLock::lock_path(ckpt));
    ASSERT_TRUE(in);
    try {
      CheckpointLock::acquire(ckpt, "job-2", warning);
      FAIL() << "a held lock was acquired twice";
    } catch (const Error& e) {
      const LockOwner self = CheckpointLock::self("job-1");
      const std::string msg = e.what();
      EXPECT_EQ(e.code(), ExitCode::bad_input);
      EXPECT_NE(msg.find("in use by host " + self.host + ", pid " + std::to_string(self.pid) +
                         ", job job-1"),
                std::string::npos)
          << msg;
    }
  }
  EXPECT_FALSE(std::filesystem::exists(CheckpointLock::lock_path(ckpt))) << "released";
}

TEST(CheckpointLock, StaleLockOfADeadProcessIsTakenOverWithAWarning) {
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  const LockOwner self = CheckpointLock::self("");
  std::ofstream(CheckpointLock::lock_path(ckpt))
      << "host " << self.host << "\npid " << child << "\njob old\nstart 1\n";
  std::string warning;
  CheckpointLock lock = CheckpointLock::acquire(ckpt, "", warning);
  EXPECT_NE(warning.find("stale"), std::string::npos) << warning;
  EXPECT_NE(warning.find("pid " + std::to_string(child)), std::string::npos) << warning;
}

TEST(CheckpointLock, LockOnAnotherHostIsRespected) {
  TempDir dir;
  const std::string ckpt = dir.file("run.h5");
  std::ofstream(CheckpointLock::lock_path(ckpt))
      << "host other.example.org\npid 1\njob 9\nstart 1\n";
  std::string warning;
  EXPECT_THROW(CheckpointLock::acquire(ckpt, "", warning), Error);
  EXPECT_TRUE(std::filesystem::exists(CheckpointLock::lock_path(ckpt)));
}

} // namespace
} // namespace hpsearch
