// `search.evolution` and strategies evolution / agebo in a problem file: the settings
// validate prints parse back to the same options, and every misuse is refused with a
// located message.
#include "config_test_util.hpp"
#include "hpsearch/config/problem_summary.hpp"
#include "hpsearch/config/search_notes.hpp"
#include "hpsearch/config/search_settings.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <map>

namespace hpsearch {
namespace {

using test::error_of;
using ::testing::HasSubstr;

const std::string hyper = "space:\n"
                          "  x: {type: real, low: 0, high: 1}\n"
                          "  y: {type: int, low: 0, high: 9}\n";
const std::string nas = "space:\n"
                        "  arch.layers: {type: int, low: 1, high: 4}\n"
                        "  lr: {type: real, low: 0.0001, high: 0.1, log: true}\n"
                        "  arch.op: {type: categorical, choices: [dense, conv]}\n";
const std::string objective = "objective: {kind: command, command: [sh, train.sh]}\n";

std::string problem(const std::string& space, const std::string& search) {
  return space + objective + "search: " + search + "\n";
}

std::map<std::string, std::string> printed(const Problem& p) {
  const auto settings = search_settings(p.search);
  return {settings.begin(), settings.end()};
}

/// The printed settings, pasted back into `search:`, give the same options.
void expect_parses_back(const std::string& space, const std::string& search) {
  const Problem first = parse_problem(problem(space, search), "a.yaml");
  std::string again = "{";
  for (const auto& [key, value] : search_settings(first.search)) {
    again += (again.size() > 1 ? ", " : "") + key + ": " + value;
  }
  const Problem second = parse_problem(problem(space, again + "}"), "b.yaml");
  EXPECT_EQ(second.search.strategy, first.search.strategy) << search << " -> " << again;
}

TEST(EvolutionSection, DefaultsArePrintedAndParseBack) {
  const Problem p = parse_problem(problem(hyper, "{strategy: evolution}"), "p.yaml");
  const EvolutionOptions defaults;
  EXPECT_EQ(p.search.strategy.kind, StrategyKind::evolution);
  EXPECT_EQ(p.search.strategy.evolution, defaults);
  const auto got = printed(p);
  EXPECT_EQ(got.at("strategy"), "evolution");
  EXPECT_EQ(got.at("evolution"), "{population: " + std::to_string(defaults.population) +
                                     ", sample: " + std::to_string(defaults.sample) + "}");
  EXPECT_EQ(got.count("initial_design"), 0U);
  EXPECT_THAT(format_problem_summary(p), HasSubstr("evolution, population 100, sample 10"));
  expect_parses_back(hyper, "{strategy: evolution, evolution: {population: 30, sample: 4}}");
}

TEST(EvolutionSection, AgeboPrintsItsEvolutionAndAmbsSettings) {
  const Problem p =
      parse_problem(problem(nas, "{strategy: agebo, evolution: {population: 20}, kappa: 0.5, "
                                 "initial_points: 4}"),
                    "p.yaml");
  EXPECT_EQ(p.search.strategy.kind, StrategyKind::agebo);
  EXPECT_EQ(p.search.strategy.evolution.population, 20);
  EXPECT_EQ(p.search.strategy.ambs.acquisition.kappa, 0.5);
  const auto got = printed(p);
  EXPECT_EQ(got.at("evolution"), "{population: 20, sample: 10}");
  EXPECT_EQ(got.at("initial_points"), "4");
  EXPECT_EQ(got.count("surrogate"), 1U);
  EXPECT_THAT(format_problem_summary(p), HasSubstr("over the arch.* genes"));
  expect_parses_back(nas, "{strategy: agebo, evolution: {population: 20}, kappa: 0.5}");
  // The default initial design is AMBS's over the one hyperparameter: 2 * 1 + 1 points.
  const Problem defaults = parse_problem(problem(nas, "{strategy: agebo}"), "p.yaml");
  EXPECT_THAT(format_problem_summary(defaults), HasSubstr("initial design random (3 points)"));
}

TEST(EvolutionSection, MisusesAreRefusedWhereTheyAre) {
  EXPECT_THAT(error_of(problem(hyper, "{strategy: random, evolution: {population: 5}}")),
              HasSubstr("applies to strategies evolution and agebo only"));
  EXPECT_THAT(error_of(problem(hyper, "{strategy: evolution, initial_points: 5}")),
              HasSubstr("does not apply to strategy evolution"));
  EXPECT_THAT(error_of(problem(hyper, "{strategy: evolution, evolution: {population: 0}}")),
              HasSubstr("search.evolution.population"));
  EXPECT_THAT(
      error_of(problem(hyper, "{strategy: evolution, evolution: {population: 5, sample: 6}}")),
      HasSubstr("an integer from 1 to the population (5)"));
  EXPECT_THAT(error_of(problem(hyper, "{strategy: evolution, evolution: {population: 5}}")),
              HasSubstr("the default sample (10) is larger than the population"));
  EXPECT_THAT(error_of(problem(hyper, "{strategy: evolution, evolution: {size: 5}}")),
              HasSubstr("size"));
  EXPECT_THAT(error_of(problem(hyper, "{strategy: evolution, kappa: 1}")),
              HasSubstr("applies to strategy ambs only"));
  const std::string command = "objective: {kind: command, command: [sh, t.sh, '{fidelity}']}\n";
  EXPECT_THAT(error_of(hyper + command + "search: {strategy: asha, sampler: evolution}\n"),
              HasSubstr("which a population cannot compare"));
}

TEST(EvolutionSection, AgeboNeedsAnArchitectureSpace) {
  const std::string no_arch = error_of(problem(hyper, "{strategy: agebo}"));
  EXPECT_THAT(no_arch, HasSubstr("search.strategy"));
  EXPECT_THAT(no_arch, HasSubstr("strategy agebo needs parameters named 'arch.*', and this "
                                 "space has none"));
  const std::string crossing = "space:\n"
                               "  arch.layers: {type: int, low: 1, high: 4}\n"
                               "  dropout: {type: real, low: 0, high: 0.5,\n"
                               "            active_if: {arch.layers: 4}}\n";
  EXPECT_THAT(error_of(problem(crossing, "{strategy: agebo}")),
              HasSubstr("is active_if on 'arch.layers'"));
}

// A population not smaller than the budget makes every proposal a random sample: validate
// (and run, at its start) says so and suggests a population a quarter of the budget; a
// population the budget outgrows, or another strategy, gets no note.
TEST(EvolutionSection, APopulationAsLargeAsTheBudgetIsNoted) {
  const Problem evolution = parse_problem(problem(hyper, "{strategy: evolution}"), "a.yaml");
  ASSERT_EQ(evolution.run.max_evals, 100) << "the default budget equals the default population";
  EXPECT_THAT(format_problem_summary(evolution),
              HasSubstr("\nnote: search.evolution.population 100 >= run.max_evals 100: every "
                        "proposal will be a random sample (evolution mutates only once the "
                        "population is full); for a search this short, try search.evolution: "
                        "{population: 25, sample: 5}\n"));
  const Problem agebo =
      parse_problem(problem(nas, "{strategy: agebo}") + "run: {max_evals: 60}\n", "a.yaml");
  EXPECT_THAT(search_notes(agebo),
              ::testing::ElementsAre(HasSubstr(
                  "population 100 >= run.max_evals 60: the architecture of every proposal")));
  EXPECT_THAT(search_notes(agebo).front(), HasSubstr("{population: 15, sample: 3}"));
  // A budget too small for any population gets the note without a suggestion.
  const Problem tiny =
      parse_problem(problem(hyper, "{strategy: evolution}") + "run: {max_evals: 2}\n", "a.yaml");
  ASSERT_EQ(search_notes(tiny).size(), 1u);
  EXPECT_THAT(search_notes(tiny).front(), ::testing::EndsWith("once the population is full)"));
  const auto quiet = [](const std::string& text) {
    const Problem p = parse_problem(text, "a.yaml");
    EXPECT_TRUE(search_notes(p).empty()) << text;
    EXPECT_THAT(format_problem_summary(p), ::testing::Not(HasSubstr("note:"))) << text;
  };
  quiet(problem(hyper, "{strategy: evolution}") + "run: {max_evals: 101}\n");
  quiet(problem(hyper, "{strategy: evolution, evolution: {population: 25, sample: 5}}"));
  quiet(problem(hyper, "{strategy: random}"));
  quiet(problem(hyper, "{strategy: ambs}"));
}

} // namespace
} // namespace hpsearch
