// Replays every committed input of tests/fuzz through the fuzz targets' entry points: the
// seed corpus (corpus/<target>/) and each crash a fuzzer found (regressions/<target>/), so
// a fixed bug stays fixed in every build, sanitized or not. An entry point returns normally
// on any input (hpsearch::Error is the expected answer to bad input and caught there);
// another exception fails the test, a crash or sanitizer report ends it.
#include "fuzz_entries.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs(const std::string& kind, const std::string& target) {
  std::vector<fs::path> files;
  const fs::path dir = fs::path(HPSEARCH_FUZZ_DIR) / kind / target;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

using Entry = void (*)(std::string_view);

void replay(const std::string& target, Entry entry) {
  const auto seeds = inputs("corpus", target);
  EXPECT_GE(seeds.size(), 3U) << "tests/fuzz/corpus/" << target << " holds too few seeds";
  auto files = seeds;
  const auto regressions = inputs("regressions", target);
  files.insert(files.end(), regressions.begin(), regressions.end());
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    EXPECT_NO_THROW(entry(bytes_of(file)));
  }
}

TEST(FuzzReplay, ProblemFile) {
  replay("problem_file", hpsearch::fuzz::problem_file);
}
TEST(FuzzReplay, CommandOutput) {
  replay("command_output", hpsearch::fuzz::command_output);
}
TEST(FuzzReplay, CheckpointFile) {
  replay("checkpoint_file", hpsearch::fuzz::checkpoint_file);
}

} // namespace
