// write_file_atomically: a writer SIGKILLed at random moments leaves the file whole, with
// its previous content or a new one, never a mix; errors name the file.
#include "hpsearch/train/atomic_file.hpp"
#include "temp_dir.hpp"
#include "train_test_util.hpp"

#include <csignal>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace hpsearch::train {
namespace {

/// Payload `i`: one letter repeated, its length telling which: a torn file shows.
std::string payload(int i) {
  constexpr std::size_t base = 4 << 20;
  return std::string(base + static_cast<std::size_t>(i % 26), static_cast<char>('a' + i % 26));
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(AtomicFile, AKilledWriterLeavesThePreviousOrTheNewContentWhole) {
  const test::TempDir dir("hps_atomic");
  const std::string path = dir.file("state.pt");
  write_file_atomically(path, payload(0));
  for (int round = 0; round < 12; ++round) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      for (int i = 1;; ++i) write_file_atomically(path, payload(i));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5 + 7 * round));
    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    const std::string content = read_all(path);
    ASSERT_FALSE(content.empty()) << "round " << round;
    const int letter = content[0] - 'a';
    EXPECT_EQ(content, payload(letter))
        << "round " << round << ": a torn file of " << content.size() << " bytes";
  }
  // A temporary left by a killed writer does not stop the next write.
  write_file_atomically(path, "done");
  EXPECT_EQ(read_all(path), "done");
}

TEST(AtomicFile, AnUnwritableDirectoryIsAnErrorNamingTheFile) {
  try {
    write_file_atomically("/nonexistent/dir/state.pt", "x");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::io_error);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/state.pt.tmp"), std::string::npos)
        << e.what();
  }
}

} // namespace
} // namespace hpsearch::train
