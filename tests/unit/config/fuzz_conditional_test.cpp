// Fuzz-style robustness on files that use the whole space language: seeded random
// mutations of valid problem files (character edits, and token and line edits that keep
// the YAML readable so the mutants reach the semantic checks: conditions, forbidden
// clauses, defaults, search settings) are either accepted, or rejected with a located
// hpsearch::Error "<origin>:<line>:<column>: ..." (bad input). Never a crash, a hang or
// another exception. Accepted mutants are summarized and sampled, which must not throw
// anything but hpsearch::Error either.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/config/problem_summary.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <regex>
#include <sstream>

namespace hpsearch {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// The space of an accepted problem must be usable: a summary, and a few samples that
/// the space itself accepts (or a clean Error when the clauses leave almost nothing).
void exercise(const Problem& problem) {
  try {
    (void)format_problem_summary(problem);
    Rng rng(1);
    for (int i = 0; i < 5; ++i) {
      const Config config = problem.space.sample(rng);
      EXPECT_TRUE(problem.space.contains(config)) << config.to_string();
    }
  } catch (const Error&) {
    // "the space is (nearly) empty" is a clean outcome
  }
}

/// 1 when rejected (cleanly), 0 when accepted; any other outcome fails the test.
int rejected(const std::string& text) {
  static const std::regex located(R"(^fuzz\.yaml:[1-9][0-9]*:[1-9][0-9]*: )");
  try {
    exercise(parse_problem(text, "fuzz.yaml"));
    return 0;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input) << e.what();
    EXPECT_TRUE(std::regex_search(e.what(), located)) << "not located: " << e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "non-Error exception " << e.what() << " for:\n" << text;
  }
  return 1;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

/// Words the mutations splice in: names, kinds, operators, values and broken values.
const std::vector<std::string> tokens = {"solver",
                                         "n_layers",
                                         "lr_policy",
                                         "size",
                                         "version",
                                         "active_if",
                                         "forbidden",
                                         "default",
                                         "values",
                                         "choices",
                                         "value",
                                         "type",
                                         "in",
                                         "\">\"",
                                         "\"<\"",
                                         "all",
                                         "any",
                                         "ordinal",
                                         "constant",
                                         "categorical",
                                         "int",
                                         "real",
                                         "log",
                                         "true",
                                         "false",
                                         "0",
                                         "1",
                                         "-1",
                                         "2.5",
                                         "1e-3",
                                         "100000000000",
                                         "[]",
                                         "{}",
                                         "[adam, sgd]",
                                         "{in: []}",
                                         "~",
                                         "grid",
                                         "sobol",
                                         "lhs",
                                         "adam",
                                         "inv",
                                         "small",
                                         "large",
                                         "units_2",
                                         "grid_points",
                                         "initial_points",
                                         "{params}",
                                         "{solver: adam}",
                                         "{any: [{solver: adam}]}",
                                         "\"\"",
                                         "*a",
                                         "&a x",
                                         "!!str 3",
                                         ".nan"};

std::string mutate(const std::string& original, std::mt19937_64& rng) {
  using namespace std::string_literals;
  static const std::string alphabet = "{}[],:-#&*!|>'\"%@`?~ \t\n0123456789.eE+xyzabc\\\0\xff"s;
  std::string text = original;
  const int edits = 1 + static_cast<int>(rng() % 3);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    std::vector<std::string> lines = lines_of(text);
    const std::size_t line = rng() % lines.size();
    switch (rng() % 7) {
    case 0: { // a character edit anywhere
      const std::size_t at = rng() % text.size();
      text[at] = alphabet[rng() % alphabet.size()];
      continue;
    }
    case 1: // delete a line
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(line));
      break;
    case 2: // duplicate a line
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(line), lines[line]);
      break;
    case 3: // swap two lines
      std::swap(lines[line], lines[rng() % lines.size()]);
      break;
    default: { // replace one word (a run of name characters) by a token
      std::string& l = lines[line];
      std::vector<std::pair<std::size_t, std::size_t>> words;
      for (std::size_t i = 0; i < l.size();) {
        const auto is_word = [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' ||
                 c == '-';
        };
        if (!is_word(l[i])) {
          ++i;
          continue;
        }
        std::size_t j = i;
        while (j < l.size() && is_word(l[j])) ++j;
        words.emplace_back(i, j - i);
        i = j;
      }
      if (words.empty()) break;
      const auto [at, length] = words[rng() % words.size()];
      l.replace(at, length, tokens[rng() % tokens.size()]);
      break;
    }
    }
    text = joined(lines);
  }
  return text;
}

void fuzz(const std::string& path, std::uint64_t seed, int trials) {
  const std::string original = read(path);
  ASSERT_EQ(rejected(original), 0) << path << " must be valid";
  std::mt19937_64 rng(seed);
  int count = 0;
  for (int trial = 0; trial < trials; ++trial) {
    const std::string text = mutate(original, rng);
    SCOPED_TRACE(path + " seed " + std::to_string(seed) + " trial " + std::to_string(trial));
    count += rejected(text);
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "mutant:\n" << text;
      return;
    }
  }
  // The mutations reach the error paths, and also leave many files valid.
  EXPECT_GT(count, trials / 4);
  EXPECT_LT(count, trials);
}

TEST(FuzzConditional, MutatedConditionalSpaceGivesOnlyLocatedErrors) {
  fuzz(std::string(HPSEARCH_FIXTURES) + "/good/conditional_space.yaml", 20240602, 1500);
}

TEST(FuzzConditional, MutatedAutomlNetGivesOnlyLocatedErrors) {
  fuzz(std::string(HPSEARCH_SOURCE_DIR) + "/configs/automl_net.yaml", 20240603, 400);
}

} // namespace
} // namespace hpsearch
