// No input crashes or hangs the parser: every text either parses or throws hpsearch::Error
// (bad input) naming the origin. Mutations of a good file with a fixed seed, plus inputs
// known to trouble YAML parsers.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/error.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <sstream>

namespace hpsearch {
namespace {

/// Parses `text`; true when accepted. Fails the test on anything but a located bad-input Error.
bool accepted(const std::string& text) {
  try {
    parse_problem(text, "fuzz.yaml");
    return true;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind("fuzz.yaml:", 0), 0u) << e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "non-Error exception " << e.what() << " for:\n" << text;
  }
  return false;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(Robustness, MutatedQuickstartNeverThrowsAnythingButError) {
  const std::string original = read(std::string(HPSEARCH_SOURCE_DIR) + "/configs/quickstart.yaml");
  ASSERT_TRUE(accepted(original));
  constexpr std::uint64_t seed = 20240601;
  std::mt19937_64 rng(seed);
  using namespace std::string_literals;
  const std::string alphabet = "{}[],:-#&*!|>'\"%@`?~ \t\n0123456789.eE+xyzabc\\\0\xff"s;
  int rejected = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text = original;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t at = rng() % text.size();
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 4) {
      case 0:
        text.erase(at, 1 + rng() % 8);
        break;
      case 1:
        text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c);
        break;
      case 2:
        text[at] = c;
        break;
      default:
        text.resize(at);
        break;
      }
    }
    SCOPED_TRACE("seed " + std::to_string(seed) + " trial " + std::to_string(trial));
    rejected += accepted(text) ? 0 : 1;
  }
  EXPECT_GT(rejected, 100); // the mutations do reach the error paths
}

TEST(Robustness, HostileInputs) {
  // yaml-cpp 0.7's LoadAll never returns on these (it allocates until memory runs out).
  EXPECT_FALSE(accepted(","));
  EXPECT_FALSE(accepted(",a\nspace: {x: {type: real, low: 0, high: 1}}\n"));
  EXPECT_FALSE(accepted("space: {x: {type: real, low: 0, high: 1}}\n"
                        "objective: {kind: function, name: sphere}\n---\n,\n"));
  EXPECT_FALSE(accepted(std::string(100000, '[')));
  EXPECT_FALSE(accepted(std::string(100000, '{')));
  EXPECT_FALSE(accepted(std::string("space:\0\n", 8)));
  EXPECT_FALSE(accepted("\xef\xbb\xbf\xff\xfe\x00garbage"));
  EXPECT_FALSE(accepted("a: &x [*x]\n"));
  EXPECT_FALSE(accepted("*undefined\n"));
  EXPECT_FALSE(accepted("!!binary AAAA\n"));
  EXPECT_FALSE(accepted("---\n...\n"));
  EXPECT_FALSE(accepted("space: {x: {type: int, low: -99999999999999999999, high: 1}}\n"));
  std::string nested = "space:\n";
  for (int i = 0; i < 2000; ++i)
    nested += std::string(static_cast<std::size_t>(i + 2), ' ') + "- \n";
  EXPECT_FALSE(accepted(nested));
}

} // namespace
} // namespace hpsearch
