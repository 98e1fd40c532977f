// `hpsearch validate` prints every effective search setting: the shipped defaults of the
// options types (search/strategy_options.hpp and the headers it includes), never a second
// copy of them. The expected values below are read from default-constructed options, so
// a default changed in its one home changes what validate prints, and nothing else has to
// follow.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/config/problem_summary.hpp"
#include "hpsearch/config/search_settings.hpp"
#include "hpsearch/config/sections.hpp"
#include "hpsearch/core/error.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <map>
#include <set>

namespace hpsearch {
namespace {

using ::testing::HasSubstr;

const std::string kSettingsSpace = "space:\n"
                                   "  x: {type: real, low: 0, high: 1}\n"
                                   "  y: {type: real, low: 0, high: 1}\n";
const std::string function_objective = "objective: {kind: function, name: sphere}\n";
/// A multi-fidelity search needs an evaluator that trains to a fidelity: a command.
const std::string command_objective =
    "objective: {kind: command, command: [sh, train.sh, '{fidelity}']}\n";

Problem with_search(const std::string& search, const std::string& objective = function_objective) {
  return parse_problem(kSettingsSpace + objective + "search: " + search + "\n", "<settings>");
}

Problem with_scheduler(const std::string& search) {
  return with_search(search, command_objective);
}

/// The printed settings, pasted back into `search:`, give the same options.
void expect_parses_back(const std::string& search, const std::string& objective) {
  const Problem first = with_search(search, objective);
  std::string again = "{";
  for (const auto& [key, value] : search_settings(first.search)) {
    again += (again.size() > 1 ? ", " : "") + key + ": " + value;
  }
  const Problem second = with_search(again + "}", objective);
  EXPECT_EQ(search_settings(second.search), search_settings(first.search)) << search;
  EXPECT_EQ(second.search.strategy, first.search.strategy) << search << " -> " << again;
  EXPECT_EQ(second.search.multifidelity, first.search.multifidelity) << search;
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
      {"fidelity_model", std::string(fidelity_models.name_of(ambs.fidelity_model))},
      {"n_trees", number(std::int64_t{s.n_trees})},
      {"max_features", number(s.max_features)},
      {"min_samples_split", number(std::int64_t{s.min_samples_split})},
      {"max_samples", number(s.max_samples)},
      {"leaf_variance", s.leaf_variance ? "true" : "false"},
      {"candidates", number(ambs.candidates)},
      {"local_search_starts", number(ambs.local_search_starts)},
      {"local_search_steps", number(ambs.local_search_steps)},
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
  EXPECT_EQ(ambs.acquisition.decay, KappaDecay::none)
      << "issue 17: the decay locked onto the first basin";
  EXPECT_EQ(ambs.acquisition.decay_rate, 0.02); // when kappa_decay: exponential is chosen
  EXPECT_EQ(ambs.surrogate_options.max_samples, 2000);
  EXPECT_EQ(ambs.acquisition.kappa, 1.96);
  EXPECT_EQ(ambs.surrogate, SurrogateKind::et);
  EXPECT_EQ(ambs.local_search_steps, 0) << "off: it lost on the tuning half (issue 17, point 3)";
}

TEST(SearchSettings, PrintedSettingsParseBackToTheSameOptions) {
  for (const std::string search :
       {"{strategy: ambs}", "{strategy: ambs, surrogate: gp, acquisition: ei, xi: 0.05}",
        "{strategy: ambs, kappa_decay: periodic, kappa_decay_period: 7, max_samples: 0}",
        "{strategy: random, initial_design: sobol, initial_points: 9}",
        "{strategy: grid, grid_points: {x: 3, default: 4}}",
        "{strategy: random, pruner: median, pruner_warmup: 2, pruner_min_jobs: 3}"}) {
    expect_parses_back(search, function_objective);
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

TEST(SearchSettings, MultiFidelityPrintsSchedulerSamplerAndTheirDefaults) {
  const Problem problem = with_scheduler("{strategy: async_hyperband}");
  ASSERT_TRUE(problem.search.multifidelity);
  EXPECT_EQ(problem.search.strategy.kind, StrategyKind::random) << "the default sampler";
  const MultiFidelityOptions m;
  const std::map<std::string, std::string> expected = {
      {"strategy", "async_hyperband"},
      {"sampler", "random"},
      {"initial_design", std::string(sampler_kinds.name_of(StrategyOptions{}.initial.sampler))},
      {"initial_points", number(StrategyOptions{}.initial.points)},
      {"min_fidelity", number(m.min_fidelity)},
      {"max_fidelity", number(m.max_fidelity)},
      {"reduction_factor", number(m.reduction_factor)},
      {"brackets", number(m.brackets)},
      {"variant", std::string(asha_variants.name_of(m.variant))},
  };
  EXPECT_EQ(printed(problem), expected);
  EXPECT_EQ(printed(with_search("{strategy: random}")).count("sampler"), 0u);
}

TEST(SearchSettings, ValidateSummaryNamesTheSchedulerItsRungsAndItsSampler) {
  const std::string summary = format_problem_summary(
      with_scheduler("{strategy: asha, sampler: ambs, min_fidelity: 1, max_fidelity: 10}"));
  EXPECT_THAT(summary, HasSubstr("\nsearch: asha (promotion) at fidelities 1, 3, 9, 10 "
                                 "(reduction factor 3), sampler ambs, initial design"));
  EXPECT_THAT(summary, HasSubstr("\n  strategy: asha\n  sampler: ambs\n"));
  EXPECT_THAT(format_problem_summary(with_scheduler("{strategy: hyperband}")),
              HasSubstr("\nsearch: hyperband at fidelities 1, 3, 9, 27 (reduction factor 3), "
                        "sampler random"));
}

TEST(SearchSettings, EachSchedulerPrintsOnlyItsOwnKeys) {
  const auto keys_of = [](const std::string& search) {
    std::set<std::string> keys;
    for (const auto& [key, value] : search_settings(with_scheduler(search).search)) {
      keys.insert(key);
    }
    return keys;
  };
  const std::set<std::string> common = {"strategy",        "sampler",      "initial_design",
                                        "initial_points",  "min_fidelity", "max_fidelity",
                                        "reduction_factor"};
  const auto with = [&](std::initializer_list<std::string> more) {
    std::set<std::string> keys = common;
    keys.insert(more);
    return keys;
  };
  EXPECT_EQ(keys_of("{strategy: asha}"), with({"variant"}));
  EXPECT_EQ(keys_of("{strategy: async_hyperband}"), with({"variant", "brackets"}));
  EXPECT_EQ(keys_of("{strategy: hyperband}"), with({"brackets"}));
  EXPECT_EQ(keys_of("{strategy: successive_halving}"), with({}));
  EXPECT_EQ(keys_of("{strategy: one_epoch}"), with({"top_k"}));
  EXPECT_TRUE(keys_of("{strategy: asha, sampler: ambs}").contains("kappa"));
  EXPECT_TRUE(keys_of("{strategy: asha, sampler: grid}").contains("grid_points"));
}

TEST(SearchSettings, PbtPrintsItsOwnKeysWithTheirDefaultsAndParsesBack) {
  const Problem problem = with_scheduler("{strategy: pbt}");
  ASSERT_TRUE(problem.search.multifidelity);
  const MultiFidelityOptions m;
  const PbtOptions p;
  const std::map<std::string, std::string> expected = {
      {"strategy", "pbt"},
      {"sampler", "random"},
      {"initial_design", std::string(sampler_kinds.name_of(StrategyOptions{}.initial.sampler))},
      {"initial_points", number(StrategyOptions{}.initial.points)},
      {"max_fidelity", number(m.max_fidelity)},
      {"population", number(p.population)},
      {"ready", number(p.ready)},
      {"exploit", std::string(pbt_exploits.name_of(p.exploit))},
      {"quantile", number(p.quantile)},
      {"resample_probability", number(p.resample_probability)},
      {"synchronous", p.synchronous ? "true" : "false"},
      {"explore", p.explore ? "true" : "false"},
  };
  EXPECT_EQ(printed(problem), expected);
  for (const std::string search :
       {"{strategy: pbt}",
        "{strategy: pbt, population: 6, ready: 2.5, max_fidelity: 20, "
        "exploit: tournament, resample_probability: 0.5, synchronous: true}",
        "{strategy: pbt, quantile: 0.5, sampler: ambs}",
        "{strategy: pbt, exploit: none, explore: false}"}) {
    expect_parses_back(search, command_objective);
  }
  const MultiFidelityOptions parsed =
      *with_scheduler("{strategy: pbt, population: 6, ready: 2.5, max_fidelity: 20, exploit: "
                      "tournament, resample_probability: 0.5, synchronous: true}")
           .search.multifidelity;
  EXPECT_EQ(parsed.kind, SchedulerKind::pbt);
  EXPECT_EQ(parsed.pbt.population, 6);
  EXPECT_EQ(parsed.pbt.ready, 2.5);
  EXPECT_EQ(parsed.max_fidelity, 20.0);
  EXPECT_EQ(parsed.pbt.exploit, PbtExploit::tournament);
  EXPECT_EQ(parsed.pbt.resample_probability, 0.5);
  EXPECT_TRUE(parsed.pbt.synchronous);
  EXPECT_TRUE(parsed.pbt.explore);
  const MultiFidelityOptions ablation =
      *with_scheduler("{strategy: pbt, exploit: none, explore: false}").search.multifidelity;
  EXPECT_EQ(ablation.pbt.exploit, PbtExploit::none);
  EXPECT_FALSE(ablation.pbt.explore);
  EXPECT_THAT(format_problem_summary(problem),
              HasSubstr("\nsearch: pbt (population 8, asynchronous) to fidelity 27, ready every "
                        "1, sampler random"));
}

TEST(SearchSettings, Pb2PrintsPbtsKeysButResampleAndExploreAndParsesBack) {
  const Problem problem = with_scheduler("{strategy: pb2, population: 4, ready: 2}");
  ASSERT_TRUE(problem.search.multifidelity);
  EXPECT_EQ(problem.search.multifidelity->kind, SchedulerKind::pb2);
  const auto keys = printed(problem);
  EXPECT_EQ(keys.at("strategy"), "pb2");
  EXPECT_EQ(keys.at("population"), "4");
  EXPECT_EQ(keys.at("ready"), number(2.0));
  EXPECT_EQ(keys.count("resample_probability"), 0U);
  EXPECT_EQ(keys.count("explore"), 0U);
  EXPECT_TRUE(keys.contains("synchronous"));
  for (const std::string search :
       {"{strategy: pb2}", "{strategy: pb2, population: 4, exploit: tournament, synchronous: "
                           "true, max_fidelity: 12, ready: 3}"}) {
    expect_parses_back(search, command_objective);
  }
  EXPECT_THAT(format_problem_summary(problem),
              HasSubstr("\nsearch: pb2 (population 4, asynchronous) to fidelity 27, ready every "
                        "2, sampler random"));
  EXPECT_THROW(with_scheduler("{strategy: pb2, resample_probability: 0.5}"), Error);
  EXPECT_THROW(with_scheduler("{strategy: pb2, explore: false}"), Error);
}

TEST(SearchSettings, Pb2RefusesAChoiceParameterNamingIt) {
  const std::string text = "space:\n"
                           "  lr: {type: real, low: 0.0001, high: 0.1, log: true}\n"
                           "  act: {type: categorical, choices: [relu, tanh]}\n" +
                           command_objective + "search: {strategy: pb2}\n";
  try {
    parse_problem(text, "<pb2>");
    FAIL() << "pb2 accepted a categorical parameter";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_THAT(e.what(), HasSubstr("pb2 handles reals and integers; use pbt"));
    EXPECT_THAT(e.what(), HasSubstr("'act'"));
    EXPECT_THAT(e.what(), HasSubstr("search.strategy"));
  }
}

TEST(SearchSettings, ReplayPrintsItsSourceAndTrialAndParsesBack) {
  const Problem problem = with_scheduler("{strategy: replay, replay_from: runs/pbt.h5}");
  ASSERT_TRUE(problem.search.multifidelity);
  EXPECT_EQ(problem.search.multifidelity->kind, SchedulerKind::replay);
  EXPECT_EQ(problem.search.multifidelity->replay.from, "runs/pbt.h5");
  EXPECT_EQ(problem.search.multifidelity->replay.trial, -1);
  const auto keys = printed(problem);
  EXPECT_EQ(keys.at("replay_from"), "runs/pbt.h5");
  EXPECT_EQ(keys.at("replay_trial"), "best");
  EXPECT_EQ(keys.count("max_fidelity"), 0U);
  EXPECT_EQ(with_scheduler("{strategy: replay, replay_from: a.h5, replay_trial: 17}")
                .search.multifidelity->replay.trial,
            17);
  for (const std::string search : {"{strategy: replay, replay_from: a.h5}",
                                   "{strategy: replay, replay_from: a.h5, replay_trial: 3}"}) {
    expect_parses_back(search, command_objective);
  }
  EXPECT_THROW(with_scheduler("{strategy: replay}"), Error) << "replay_from is required";
  EXPECT_THROW(with_scheduler("{strategy: replay, replay_from: a.h5, replay_trial: -1}"), Error);
  EXPECT_THROW(with_scheduler("{strategy: replay, replay_from: a.h5, replay_trial: worst}"), Error);
  EXPECT_THROW(with_scheduler("{strategy: replay, replay_from: a.h5, max_fidelity: 9}"), Error);
  EXPECT_THROW(with_scheduler("{strategy: pbt, replay_from: a.h5}"), Error);
}

TEST(SearchSettings, PrintedMultiFidelitySettingsParseBackToTheSameOptions) {
  for (const std::string search :
       {"{strategy: asha}", "{strategy: asha, variant: stopping, sampler: ambs, kappa: 2}",
        "{strategy: asha, sampler: ambs, fidelity_model: input}",
        "{strategy: hyperband, sampler: ambs, fidelity_model: largest}",
        "{strategy: async_hyperband, min_fidelity: 2, max_fidelity: 50, reduction_factor: 2.5, "
        "brackets: 2}",
        "{strategy: hyperband, sampler: grid, grid_points: 3, brackets: 1}",
        "{strategy: successive_halving, min_fidelity: 0.5, max_fidelity: 4.5}",
        "{strategy: one_epoch, top_k: 5}"}) {
    expect_parses_back(search, command_objective);
  }
  const MultiFidelityOptions parsed =
      *with_scheduler("{strategy: async_hyperband, min_fidelity: 2, max_fidelity: 50, "
                      "reduction_factor: 2.5, brackets: 2, variant: stopping}")
           .search.multifidelity;
  EXPECT_EQ(parsed.kind, SchedulerKind::async_hyperband);
  EXPECT_EQ(parsed.min_fidelity, 2.0);
  EXPECT_EQ(parsed.max_fidelity, 50.0);
  EXPECT_EQ(parsed.reduction_factor, 2.5);
  EXPECT_EQ(parsed.brackets, 2);
  EXPECT_EQ(parsed.variant, AshaVariant::stopping);
  EXPECT_EQ(with_scheduler("{strategy: one_epoch, top_k: 5}").search.multifidelity->top_k, 5);
}

TEST(SearchSettings, FidelityModelIsReadAndABadOneNamesKeyValueAndChoices) {
  EXPECT_EQ(with_scheduler("{strategy: asha, sampler: ambs, fidelity_model: input}")
                .search.strategy.ambs.fidelity_model,
            FidelityModel::input);
  EXPECT_EQ(with_scheduler("{strategy: asha, sampler: ambs, fidelity_model: largest}")
                .search.strategy.ambs.fidelity_model,
            FidelityModel::largest);
  try {
    with_scheduler("{strategy: asha, sampler: ambs, fidelity_model: both}");
    ADD_FAILURE() << "fidelity_model: both was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    EXPECT_THAT(e.what(), HasSubstr("fidelity_model"));
    EXPECT_THAT(e.what(), HasSubstr("both"));
    EXPECT_THAT(e.what(), HasSubstr("largest"));
    EXPECT_THAT(e.what(), HasSubstr("input"));
  }
  EXPECT_THROW(with_scheduler("{strategy: asha, sampler: random, fidelity_model: input}"), Error)
      << "an AMBS key under another sampler";
}

} // namespace
} // namespace hpsearch
