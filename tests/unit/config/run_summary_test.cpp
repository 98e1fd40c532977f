// `hpsearch validate` prints every run.* key and objective.kill_grace with its effective
// value, defaults included (COMMON rule: every run.* / objective.* setting is printed).
#include "config_test_util.hpp"
#include "hpsearch/config/problem_summary.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <vector>

namespace hpsearch {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kSummarySpace = "space: {x: {type: real, low: 0, high: 1}}\n";
const std::string sphere = "objective: {kind: function, name: sphere}\n";

/// The line of `summary` that starts with `prefix`.
std::string line_of(const std::string& summary, const std::string& prefix) {
  std::istringstream lines(summary);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(prefix)) return line;
  }
  ADD_FAILURE() << "no line '" << prefix << "' in:\n" << summary;
  return {};
}

void expect_parts(const std::string& line, const std::vector<std::string>& parts) {
  for (const std::string& part : parts) EXPECT_THAT(line, HasSubstr(part));
}

/// The keys the run section accepts, as its unknown-key error lists them ("one of a, b").
std::vector<std::string> run_keys() {
  const std::string message = test::error_of(kSummarySpace + sphere + "run: {no_such_key: 1}\n");
  const std::size_t begin = message.find("one of ");
  EXPECT_NE(begin, std::string::npos) << message;
  std::istringstream list(message.substr(begin + 7, message.find(')', begin) - begin - 7));
  std::vector<std::string> keys;
  for (std::string key; std::getline(list, key, ',');) {
    keys.push_back(key.substr(key.find_first_not_of(' ')));
  }
  return keys;
}

TEST(RunSummary, EveryRunKeyIsPrintedWithItsDefault) {
  const std::vector<std::string> keys = run_keys();
  ASSERT_GE(keys.size(), 16U);
  const std::string run =
      line_of(format_problem_summary(parse_problem(kSummarySpace + sphere, "p.yaml")), "run: ");
  for (const std::string& key : keys) {
    EXPECT_THAT(run, HasSubstr(" " + key + " ")) << "validate does not print run." << key;
  }
  expect_parts(run, {", eval_timeout none,", ", gpus_per_node detected,",
                     ", threads_per_worker unset,", ", keep_workdirs failed,",
                     ", deadline from the batch system,", ", walltime_margin 300s, drain 0s"});
}

TEST(RunSummary, GivenRunValuesArePrinted) {
  const std::string run = line_of(
      format_problem_summary(parse_problem(
          kSummarySpace + sphere +
              "run: {eval_timeout: 30m, gpus_per_node: 2, threads_per_worker: 3, workdir: w, "
              "keep_workdirs: all, deadline: 1714564800, walltime_margin: 90s, drain: 5}\n",
          "p.yaml")),
      "run: ");
  expect_parts(run, {", eval_timeout 1800s,", ", gpus_per_node 2,", ", threads_per_worker 3,",
                     ", workdir w,", ", keep_workdirs all,", ", deadline 1714564800,",
                     ", walltime_margin 90s, drain 5s"});
}

TEST(RunSummary, KillGraceIsPrintedForEveryKindThatRunsAProcess) {
  const auto objective = [](const std::string& text) {
    return line_of(format_problem_summary(parse_problem(kSummarySpace + text, "p.yaml")),
                   "objective: ");
  };
  EXPECT_EQ(objective("objective: {kind: command, command: './train {x}', kill_grace: 3s}\n"),
            "objective: command './train {x}' (minimize), kill_grace 3s");
  EXPECT_EQ(objective("objective: {kind: plugin, library: /x/libp.so}\n"),
            "objective: plugin /x/libp.so (minimize), kill_grace 10s");
  // A function runs inside the worker: nothing to kill, no kill_grace.
  EXPECT_THAT(objective(sphere), Not(HasSubstr("kill_grace")));
}

} // namespace
} // namespace hpsearch
