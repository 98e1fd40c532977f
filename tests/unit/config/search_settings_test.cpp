// `hpsearch validate` prints every effective search setting: the shipped defaults of the
// options types (search/strategy_options.hpp and the headers it includes), never a second
// copy of them. The expected values below are read from default-constructed options, so
// a default changed in its one home changes what validate prints, and nothing else has to
// follow.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/config/problem_summary.hpp"
#include "hpsearch/config/search_settings.hpp"
#include "hpsearch/config/sections.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <map>
#include <set>

namespace hpsearch {
namespace {

using ::testing::HasSubstr;

const std::string space_and_objective = "space:\n"
                                        "  x: {type: real, low: 0, high: 1}\n"
                                        "  y: {type: real, low: 0, high: 1}\n"
                                        "objective: {kind: function, name: sphere}\n";

Problem with_search(const std::string& search) {
  return parse_problem(space_and_objective + "search: " + search + "\n", "<settings>");
}

std::map<std::string, std::string> printed(const Problem& problem) {
  const auto settings = search_settings(problem.search);
  return {settings.begin(), settings.end()};
}

std::string number(double x) {
  return to_string(Value{x});
}
std::string number(std::int64_t x) {
  return std::to_string(x);
}

TEST(SearchSettings, AmbsPrintsEveryShippedDefault) {
  const auto got = printed(with_search("{strategy: ambs}"));
  const StrategyOptions strategy;
  const AmbsOptions ambs;
  const AcquisitionOptions& q = ambs.acquisition;
  const SurrogateOptions& s = ambs.surrogate_options;
  const std::map<std::string, std::string> expected = {
      {"strategy", "ambs"},
      {"initial_design", std::string(sampler_kinds.name_of(strategy.initial.sampler))},
      {"initial_points", number(strategy.initial.points)},
      {"surrogate", std::string(surrogate_kinds.name_of(ambs.surrogate))},
      {"acquisition", std::string(acquisition_kinds.name_of(q.kind))},
      {"kappa", number(q.kappa)},
      {"xi", number(q.xi)},
      {"kappa_decay", std::string(kappa_decays.name_of(q.decay))},
      {"kappa_decay_rate", number(q.decay_rate)},
      {"kappa_decay_period", number(q.decay_period)},
      {"kappa_final", number(q.kappa_final)},
      {"multipoint", std::string(multipoints.name_of(ambs.multipoint))},
      {"failures", std::string(failure_policies.name_of(ambs.failures))},
      {"objective_scaling", std::string(scalings.name_of(ambs.scaling))},
      {"n_trees", number(std::int64_t{s.n_trees})},
      {"max_features", number(s.max_features)},
      {"min_samples_split", number(std::int64_t{s.min_samples_split})},
      {"max_samples", number(s.max_samples)},
      {"leaf_variance", s.leaf_variance ? "true" : "false"},
      {"candidates", number(ambs.candidates)},
      {"refit_fraction", number(ambs.refit_fraction)},
      {"pruner", std::string(pruner_kinds.name_of(SearchSpec{}.pruner.kind))},
  };
  EXPECT_EQ(got, expected);
}

TEST(SearchSettings, EveryAmbsKeyIsPrinted) {
  const auto got = printed(with_search("{strategy: ambs}"));
  for (const std::string_view key : detail::ambs_keys()) {
    EXPECT_TRUE(got.contains(std::string(key))) << key << " is a search key validate omits";
  }
}

TEST(SearchSettings, ShippedValuesAreTheOnesThisProjectChose) {
  // The one place the chosen numbers are spelled out: if one of these changes, the README's
  // defaults table and its quality figures (bench/quality.sh) must be re-measured with it.
  const AmbsOptions ambs;
  EXPECT_EQ(ambs.acquisition.decay_rate, 0.02);
  EXPECT_EQ(ambs.surrogate_options.max_samples, 2000);
  EXPECT_EQ(ambs.acquisition.kappa, 1.96);
  EXPECT_EQ(ambs.surrogate, SurrogateKind::et);
}

TEST(SearchSettings, PrintedSettingsParseBackToTheSameOptions) {
  for (const std::string search :
       {"{strategy: ambs}", "{strategy: ambs, surrogate: gp, acquisition: ei, xi: 0.05}",
        "{strategy: ambs, kappa_decay: periodic, kappa_decay_period: 7, max_samples: 0}",
        "{strategy: random, initial_design: sobol, initial_points: 9}",
        "{strategy: grid, grid_points: {x: 3, default: 4}}",
        "{strategy: random, pruner: median, pruner_warmup: 2, pruner_min_jobs: 3}"}) {
    const Problem first = with_search(search);
    std::string again = "{";
    for (const auto& [key, value] : search_settings(first.search)) {
      again += (again.size() > 1 ? ", " : "") + key + ": " + value;
    }
    const Problem second = with_search(again + "}");
    EXPECT_EQ(search_settings(second.search), search_settings(first.search)) << search;
    EXPECT_EQ(second.search.strategy, first.search.strategy) << search << " -> " << again;
  }
}

TEST(SearchSettings, ValidateSummaryListsThemAll) {
  const Problem problem = with_search("{strategy: ambs, kappa: 3}");
  const std::string summary = format_problem_summary(problem);
  EXPECT_THAT(summary, HasSubstr("search settings (defaults included):\n  strategy: ambs\n"));
  EXPECT_THAT(summary, HasSubstr("\n  kappa: 3\n"));
  EXPECT_THAT(summary,
              HasSubstr("\n  kappa_decay_rate: " + number(AcquisitionOptions{}.decay_rate) + "\n"));
  EXPECT_THAT(summary,
              HasSubstr("\n  max_samples: " + number(SurrogateOptions{}.max_samples) + "\n"));
}

TEST(SearchSettings, OtherStrategiesPrintOnlyTheirOwnKeys) {
  std::set<std::string> keys;
  for (const auto& [key, value] : search_settings(with_search("{strategy: grid}").search)) {
    keys.insert(key);
  }
  EXPECT_EQ(keys, (std::set<std::string>{"strategy", "grid_points", "pruner"}));
  keys.clear();
  for (const auto& [key, value] : search_settings(with_search("{strategy: random}").search)) {
    keys.insert(key);
  }
  EXPECT_EQ(keys,
            (std::set<std::string>{"strategy", "initial_design", "initial_points", "pruner"}));
}

} // namespace
} // namespace hpsearch
