// run.trial_dir and run.keep_trial_states (issue 15): read from the problem file, checked,
// and printed by `hpsearch validate` (format_problem_summary) with their defaults.
#include "config_test_util.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/config/problem_summary.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using ::testing::HasSubstr;

constexpr const char* kHead = "space: {x: {type: real, low: 0, high: 1}}\n"
                              "objective: {kind: function, name: sphere}\n";

Problem with_run(const std::string& run) {
  return parse_problem(kHead + ("run: " + run), "p.yaml");
}

std::string run_error_of(const std::string& run) {
  return test::error_of(kHead + ("run: " + run));
}

TEST(TrialKeys, DefaultsAreBesideTheCheckpointAndKeepNone) {
  const Problem p = with_run("{max_evals: 5}");
  EXPECT_EQ(p.run.trial_dir, "");
  EXPECT_EQ(p.run.keep_trial_states, KeepTrialStates::none);
  const std::string summary = format_problem_summary(p);
  EXPECT_THAT(summary, HasSubstr("trial_dir <checkpoint without .h5>.trials"));
  EXPECT_THAT(summary, HasSubstr("keep_trial_states none"));
}

TEST(TrialKeys, GivenValuesAreReadAndPrinted) {
  const Problem p = with_run("{trial_dir: /scratch/states, keep_trial_states: all}");
  EXPECT_EQ(p.run.trial_dir, "/scratch/states");
  EXPECT_EQ(p.run.keep_trial_states, KeepTrialStates::all);
  const std::string summary = format_problem_summary(p);
  EXPECT_THAT(summary, HasSubstr("trial_dir /scratch/states"));
  EXPECT_THAT(summary, HasSubstr("keep_trial_states all"));
}

TEST(TrialKeys, BadValuesNameTheKeyAndWhatIsExpected) {
  const std::string policy = run_error_of("{keep_trial_states: failed}");
  EXPECT_THAT(policy, HasSubstr("keep_trial_states"));
  EXPECT_THAT(policy, HasSubstr("failed"));
  EXPECT_THAT(policy, HasSubstr("none"));
  EXPECT_THAT(policy, HasSubstr("all"));
  EXPECT_THAT(run_error_of("{trial_dir: \"\"}"), HasSubstr("trial_dir must not be empty"));
  EXPECT_THAT(run_error_of("{trial_dir: [a]}"), HasSubstr("trial_dir"));
  EXPECT_THAT(run_error_of("{trial_dirs: a}"), HasSubstr("trial_dirs"));
}

TEST(TrialKeys, CommandPlaceholdersNameTheTrial) {
  const Problem p = parse_problem(
      "space: {x: {type: real, low: 0, high: 1}}\n"
      "objective: {kind: command, command: [train, \"{trial_dir}\", \"{from_fidelity}\", "
      "\"{fidelity}\", \"{trial_id}\"]}\n",
      "p.yaml");
  EXPECT_EQ(p.objective.command.size(), 5u);
}

} // namespace
} // namespace hpsearch
