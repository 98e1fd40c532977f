// Every tests/fixtures/bad/*.yaml is rejected with an hpsearch::Error (bad input) that
// contains the fragment in its first line `# expect: <fragment>`, names the file and gives
// a line:column position.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>

namespace hpsearch {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> bad_fixtures() {
  std::vector<std::string> paths;
  for (const auto& entry : fs::directory_iterator(fs::path(HPSEARCH_FIXTURES) / "bad")) {
    if (entry.path().extension() == ".yaml") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string expected_fragment(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  const std::string tag = "# expect:";
  if (line.rfind(tag, 0) != 0) return {};
  std::string fragment = line.substr(tag.size());
  fragment.erase(0, fragment.find_first_not_of(' '));
  fragment.erase(fragment.find_last_not_of(" \r") + 1);
  return fragment;
}

TEST(BadFixtures, ThereAreAtLeastTwenty) {
  EXPECT_GE(bad_fixtures().size(), 20u);
}

class BadFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(BadFixture, IsRejectedWithTheExpectedLocatedMessage) {
  const std::string path = GetParam();
  const std::string fragment = expected_fragment(path);
  ASSERT_FALSE(fragment.empty()) << path << ": first line must be '# expect: <fragment>'";
  try {
    load_problem(path);
    FAIL() << path << " was accepted";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_NE(message.find(fragment), std::string::npos)
        << "message: " << message << "\nexpected fragment: " << fragment;
    // "<path>:<line>:<column>: " and nothing from the console's "error:" prefix.
    const std::regex located(
        "^" + std::regex_replace(path, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
        R"(:[1-9][0-9]*:[1-9][0-9]*: )");
    EXPECT_TRUE(std::regex_search(message, located)) << message;
    EXPECT_EQ(message.find("error:"), std::string::npos) << message;
  }
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, BadFixture, ::testing::ValuesIn(bad_fixtures()), test_name);

} // namespace
} // namespace hpsearch
