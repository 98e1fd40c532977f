// The read guard (store/read_guard.hpp): an existing checkpoint is read first by the real
// child program (hpsearch-read-checkpoint, started with posix_spawn), on the committed
// damaged files of tests/fixtures/damaged/ that crash or hang libhdf5 1.10.
#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/store/read_guard.hpp"
#include "hpsearch/store/reader.hpp"
#include "temp_dir.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <string>

namespace hpsearch {
namespace {

namespace fs = std::filesystem;

const fs::path kDamaged = fs::path(HPSEARCH_FIXTURES) / "damaged";

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A copy of fixture `name` in `dir` (the guard must leave it unchanged).
std::string copy_of(const test::TempDir& dir, const fs::path& fixture) {
  const std::string path = dir.file(fixture.filename().string());
  fs::copy_file(fixture, path);
  return path;
}

/// The message of the Error the guard throws on `path`, after checking its category.
std::string refusal(const std::string& path, double timeout) {
  try {
    guard_checkpoint_read(path, ReadGuardOptions{timeout});
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "the guard let " << path << " through";
  return "";
}

TEST(ReadGuard, AnIntactCheckpointPassesAndIsThenReadNormally) {
  const test::TempDir dir;
  const std::string path =
      copy_of(dir, fs::path(HPSEARCH_FIXTURES) / "checkpoints" / "format3_mixed.h5");
  const std::string before = bytes_of(path);
  EXPECT_NO_THROW(guard_checkpoint_read(path, ReadGuardOptions{}));
  EXPECT_FALSE(read_checkpoint(path).evaluations.empty());
  EXPECT_EQ(bytes_of(path), before);
}

TEST(ReadGuard, HpsearchsOwnRefusalIsLeftToTheCallersRead) {
  // Not an HDF5 file: the child exits 2 with read_checkpoint's error, and the caller's own
  // read gives that same error.
  const test::TempDir dir;
  const std::string path = dir.file("notes.h5");
  std::ofstream(path) << "not a checkpoint\n";
  EXPECT_NO_THROW(guard_checkpoint_read(path, ReadGuardOptions{}));
  EXPECT_THROW(read_checkpoint(path), Error);
}

TEST(ReadGuard, AFileThatCrashesLibhdf5IsAnErrorNamingTheFileAndTheSignal) {
  int crashing = 0;
  for (const auto& entry : fs::directory_iterator(kDamaged)) {
    if (entry.path().filename().string().rfind("crash-", 0) != 0) continue;
    ++crashing;
    SCOPED_TRACE(entry.path().string());
    const test::TempDir dir;
    const std::string path = copy_of(dir, entry.path());
    const std::string before = bytes_of(path);
    const std::string message = refusal(path, 60.0);
    EXPECT_NE(message.find("cannot read checkpoint " + path), std::string::npos) << message;
    // SIGSEGV in a plain build; a sanitized build's report ends the reader with SIGABRT.
    EXPECT_NE(message.find("libhdf5 crashed reading it (SIG"), std::string::npos) << message;
    EXPECT_NE(message.find("h5check"), std::string::npos) << message;
    EXPECT_NE(message.find("--fresh"), std::string::npos) << message;
    EXPECT_EQ(bytes_of(path), before);
  }
  EXPECT_GE(crashing, 2) << "tests/fixtures/damaged/ holds too few crash-* files";
}

TEST(ReadGuard, AFileThatHangsLibhdf5IsAnErrorAfterTheTimeout) {
  int hanging = 0;
  for (const auto& entry : fs::directory_iterator(kDamaged)) {
    if (entry.path().filename().string().rfind("hang-", 0) != 0) continue;
    ++hanging;
    SCOPED_TRACE(entry.path().string());
    const test::TempDir dir;
    const std::string path = copy_of(dir, entry.path());
    const std::string before = bytes_of(path);
    const double start = monotonic_seconds();
    const std::string message = refusal(path, 1.5);
    const double elapsed = monotonic_seconds() - start;
    EXPECT_NE(message.find("cannot read checkpoint " + path), std::string::npos) << message;
    EXPECT_NE(message.find("did not finish reading it within 1.5 s"), std::string::npos) << message;
    EXPECT_GE(elapsed, 1.5);
    EXPECT_LT(elapsed, 60.0) << "the reader was not stopped at its timeout";
    EXPECT_EQ(bytes_of(path), before);
  }
  EXPECT_GE(hanging, 1) << "tests/fixtures/damaged/ holds no hang-* file";
}

TEST(ReadGuard, ANonPositiveTimeoutIsRefused) {
  EXPECT_THROW(guard_checkpoint_read("x.h5", ReadGuardOptions{0.0}), Error);
}

} // namespace
} // namespace hpsearch
