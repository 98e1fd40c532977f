// Command templates: placeholder checks at construction, expansion per job, no shell.
#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/command_template.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::vector<std::string> kParams = {"lr", "units", "momentum", "act"};

JobFacts facts() {
  return JobFacts{17, 5, 2.5, "/w/job-17", "/p", 4, 0.5, "/t/trial-4"};
}

Config config() {
  return Config({{"lr", Value{0.001}},
                 {"units", Value{std::int64_t{64}}},
                 {"act", Value{std::string("relu")}}});
}

std::string template_error_of(std::vector<std::string> argv) {
  try {
    CommandTemplate t(std::move(argv), kParams);
  } catch (const Error& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected hpsearch::Error";
  return {};
}

TEST(CommandTemplate, ExpandsParametersAndJobFactsInsideElements) {
  const CommandTemplate t({"python3", "{problem_dir}/train.py", "--lr={lr}", "--units", "{units}",
                           "--out", "{workdir}/model.pt", "{job_id}", "{seed}", "{fidelity}",
                           "{{literal}}", "{trial_id}", "{from_fidelity}", "{trial_dir}/state"},
                          kParams);
  EXPECT_THAT(t.expand(config(), facts()),
              ElementsAre("python3", "/p/train.py", "--lr=0.001", "--units", "64", "--out",
                          "/w/job-17/model.pt", "17", "5", "2.5", "{literal}", "4", "0.5",
                          "/t/trial-4/state"));
}

TEST(CommandTemplate, ParamsExpandsToOptionPairs) {
  const CommandTemplate t({"run", "{params}", "end"}, kParams);
  EXPECT_THAT(t.expand(config(), facts()),
              ElementsAre("run", "--lr", "0.001", "--units", "64", "--act", "relu", "end"));
}

TEST(CommandTemplate, InactiveParameterDropsItsElementAndItsOption) {
  const CommandTemplate t(
      {"run", "--momentum", "{momentum}", "--m2={momentum}", "pos{momentum}", "--act", "{act}"},
      kParams);
  EXPECT_THAT(t.expand(config(), facts()), ElementsAre("run", "--act", "relu"));
  Config with = config();
  with.set("momentum", Value{0.9});
  EXPECT_THAT(t.expand(with, facts()),
              ElementsAre("run", "--momentum", "0.9", "--m2=0.9", "pos0.9", "--act", "relu"));
}

TEST(CommandTemplate, ShellSyntaxInAValueStaysOneArgument) {
  const CommandTemplate t({"run", "{act}"}, kParams);
  Config c = config();
  c.set("act", Value{std::string("; touch pwned #")});
  EXPECT_THAT(t.expand(c, facts()), ElementsAre("run", "; touch pwned #"));
}

TEST(CommandTemplate, ErrorsNameThePlaceholderAndTheKnownOnes) {
  const std::string unknown = template_error_of({"run", "--lr", "{lrr}"});
  EXPECT_THAT(unknown, HasSubstr("objective.command[2] '{lrr}': unknown placeholder {lrr}"));
  EXPECT_THAT(unknown, HasSubstr("known: {params}, {job_id}, {seed}, {fidelity}, {workdir}, "
                                 "{problem_dir}, {trial_id}, {from_fidelity}, {trial_dir}, {lr}, "
                                 "{units}, {momentum}, {act}"));
  EXPECT_THAT(template_error_of({"run", "{lr"}), HasSubstr("unbalanced '{'"));
  EXPECT_THAT(template_error_of({"run", "lr}"}), HasSubstr("unbalanced '}'"));
  EXPECT_THAT(template_error_of({"run", "--{params}"}),
              HasSubstr("{params} must be a whole element"));
  EXPECT_THAT(template_error_of({}), HasSubstr("the command is empty"));
  EXPECT_THAT(template_error_of({""}), HasSubstr("the command is empty"));
  try {
    CommandTemplate t({"run", "{seed}"}, {"seed"});
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("{seed} is ambiguous"));
  }
}

} // namespace
} // namespace hpsearch
