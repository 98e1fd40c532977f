// A problem file using the whole space language (tests/fixtures/good/conditional_space.yaml)
// parses into the expected structure: kinds, defaults, conditions, forbidden clauses, the
// command objective and the search settings; and `validate`'s summary describes it.
#include "config_test_util.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/config/problem_summary.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/space/grid_count.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using ::testing::HasSubstr;

const std::string good = std::string(HPSEARCH_FIXTURES) + "/good/conditional_space.yaml";

const Parameter& param(const Problem& p, const std::string& name) {
  const Parameter* found = p.space.find(name);
  if (found == nullptr) throw std::runtime_error("no parameter " + name);
  return *found;
}

std::string condition_of(const Problem& p, const std::string& name) {
  const Parameter& parameter = param(p, name);
  return parameter.active_if ? parameter.active_if->describe() : "always";
}

TEST(ConditionalProblem, KindsDefaultsAndOrderAreKept) {
  const Problem p = load_problem(good);
  ASSERT_EQ(p.space.size(), 14u);
  EXPECT_EQ(p.space.parameters().front().name, "solver");
  EXPECT_EQ(p.space.parameters().back().name, "version");
  EXPECT_EQ(param(p, "solver").kind, ParamKind::categorical);
  EXPECT_EQ(param(p, "solver").default_value, Value{std::string("adam")});
  EXPECT_EQ(param(p, "n_layers").default_value, Value{std::int64_t{2}});
  EXPECT_EQ(param(p, "lr").default_value, Value{1.0e-3});
  EXPECT_TRUE(param(p, "units_1").log);
  const Parameter& size = param(p, "size");
  EXPECT_EQ(size.kind, ParamKind::ordinal);
  EXPECT_EQ(size.choice_index(std::string("small")), 0); // rank follows the file's order
  EXPECT_EQ(size.choice_index(std::string("large")), 2);
  EXPECT_EQ(size.default_value, Value{std::string("medium")});
  const Parameter& version = param(p, "version");
  EXPECT_EQ(version.kind, ParamKind::constant);
  EXPECT_EQ(version.choices, std::vector<Value>{Value{std::int64_t{3}}});
  EXPECT_EQ(param(p, "wide").choices, (std::vector<Value>{Value{true}, Value{false}}));
}

TEST(ConditionalProblem, EveryConditionFormParses) {
  const Problem p = load_problem(good);
  EXPECT_EQ(condition_of(p, "solver"), "always");
  EXPECT_EQ(condition_of(p, "units_2"), "n_layers > 1");
  EXPECT_EQ(condition_of(p, "dropout_2"), "units_2 < 512"); // a chain: units_2 is conditional
  EXPECT_EQ(condition_of(p, "beta1"), "solver == adam");
  EXPECT_EQ(condition_of(p, "momentum"), "solver in {momentum, sgd}");
  EXPECT_EQ(condition_of(p, "gamma"), "lr_policy == inv or lr_policy == exp");
  EXPECT_EQ(condition_of(p, "power"), "lr_policy == inv and n_layers < 3");
  EXPECT_EQ(condition_of(p, "wide"), "size > small");
  // Numeric condition values take the parent's type: 1 compares with an int parent.
  const Condition& units_2 = *param(p, "units_2").active_if;
  EXPECT_EQ(units_2.op(), Condition::Op::greater);
  EXPECT_EQ(units_2.values(), std::vector<Value>{Value{std::int64_t{1}}});
}

TEST(ConditionalProblem, SeveralKeysOrOperatorsMeanAll) {
  const Problem p = parse_problem(
      "space:\n  a: {type: int, low: 0, high: 9}\n  b: {type: categorical, choices: [x, y]}\n"
      "  c: {type: real, low: 0, high: 1, active_if: {a: {\">\": 2, \"<\": 7}, b: y}}\n"
      "objective: {kind: command, command: run}\n",
      "<string>");
  EXPECT_EQ(condition_of(p, "c"), "a > 2 and a < 7 and b == y");
  const Condition& c = *param(p, "c").active_if;
  EXPECT_EQ(c.op(), Condition::Op::all);
  EXPECT_EQ(c.children().size(), 3u);
}

TEST(ConditionalProblem, ForbiddenClausesAndObjective) {
  const Problem p = load_problem(good);
  ASSERT_EQ(p.space.forbidden().size(), 2u);
  const ForbiddenClause& first = p.space.forbidden()[0];
  ASSERT_EQ(first.terms.size(), 2u);
  EXPECT_EQ(first.terms[0].first, "solver");
  EXPECT_EQ(first.terms[0].second, std::vector<Value>{Value{std::string("adagrad")}});
  EXPECT_EQ(first.terms[1].second,
            (std::vector<Value>{Value{std::string("inv")}, Value{std::string("exp")}}));
  EXPECT_EQ(p.space.forbidden()[1].describe(), "size == large and n_layers == 3");
  EXPECT_EQ(p.objective.kind, EvaluatorKind::command);
  EXPECT_EQ(p.objective.command,
            (std::vector<std::string>{"python", "train.py", "--solver", "{solver}", "--lr", "{lr}",
                                      "--layers", "{n_layers}"}));
  EXPECT_EQ(p.objective.kill_grace, 10.0);
  EXPECT_EQ(p.objective.direction, Direction::maximize);
}

TEST(ConditionalProblem, SearchSettings) {
  const Problem p = load_problem(good);
  EXPECT_EQ(p.search.strategy.kind, StrategyKind::grid);
  EXPECT_EQ(p.search.strategy.initial.sampler, SamplerKind::sobol);
  EXPECT_EQ(p.search.strategy.initial.points, 20);
  EXPECT_EQ(p.search.strategy.grid.points, 3);
  EXPECT_EQ(p.search.strategy.grid.points_per_parameter,
            (std::map<std::string, std::int64_t>{{"dropout_2", 2}, {"lr", 4}}));
  EXPECT_EQ(p.run.seed, 3u);
}

TEST(ConditionalProblem, SearchDefaults) {
  const Problem p = parse_problem("space: {x: {type: real, low: 0, high: 1}}\n"
                                  "objective: {kind: function, name: sphere}\n"
                                  "search: {grid_points: 7}\n",
                                  "<string>");
  EXPECT_EQ(p.search.strategy.kind, StrategyKind::random);
  EXPECT_EQ(p.search.strategy.initial.sampler, SamplerKind::random);
  EXPECT_EQ(p.search.strategy.initial.points, 0); // 2*d+1
  EXPECT_EQ(p.search.strategy.grid.points, 7);
  EXPECT_TRUE(p.search.strategy.grid.points_per_parameter.empty());
}

TEST(ConditionalProblem, SummaryListsEveryParameterConditionAndClause) {
  const std::string summary = format_problem_summary(load_problem(good));
  EXPECT_THAT(summary, HasSubstr("conditional_space.yaml: valid\n"));
  EXPECT_THAT(summary, HasSubstr("space: 14 parameters, encoded dimension 14 ("));
  EXPECT_THAT(summary, HasSubstr("size: continuous (6 real parameters)"));
  for (const char* fragment :
       {"solver", "categorical", "{sgd, momentum, adam, adadelta, adagrad}", "units_1",
        "[16, 1024]", "<small, medium, large>", "medium", "n_layers > 1",
        "lr_policy == inv or lr_policy == exp", "solver in {momentum, sgd}", "always",
        "forbidden: 2 clauses", "solver == adagrad and lr_policy in {inv, exp}",
        "objective: command 'python train.py", "(maximize)", "search: grid, grid_points 3",
        "grid: about ", "raw combinations", "run: max_evals 50"}) {
    EXPECT_THAT(summary, HasSubstr(fragment));
  }
}

TEST(ConditionalProblem, DiscreteSpaceSizeCountsOnlyValidConfigurations) {
  // 3 x 2 raw, but b only exists when a == x (so 2 + 1 + 1 = 4), and {a: z} is forbidden.
  const Problem p = parse_problem("space:\n  a: {type: categorical, choices: [x, y, z]}\n"
                                  "  b: {type: int, low: 1, high: 2, active_if: {a: x}}\n"
                                  "forbidden:\n  - {a: z}\n"
                                  "objective: {kind: command, command: run}\n",
                                  "<string>");
  EXPECT_EQ(count_configurations(p.space), std::optional<std::uint64_t>(3));
  EXPECT_THAT(format_problem_summary(p), HasSubstr("size: 3 valid configurations"));
}

TEST(ConditionalProblem, GridSizeUsesGridPoints) {
  const Problem p = parse_problem(
      "space:\n  x: {type: real, low: 0, high: 1}\n  n: {type: int, low: 1, high: 4}\n"
      "  c: {type: categorical, choices: [on, off]}\n"
      "  y: {type: real, low: 0, high: 1, active_if: {c: on}}\n"
      "objective: {kind: command, command: run}\n"
      "search: {strategy: grid, grid_points: {x: 3, default: 4}}\n",
      "<string>");
  // x: 3 points, n: its 4 values, y: 4 points only when c == on: 3*4*4 + 3*4.
  EXPECT_THAT(format_problem_summary(p), HasSubstr("grid: 60 valid combinations"));
}

} // namespace
} // namespace hpsearch

namespace hpsearch {
namespace {

using test::error_of;

const std::string base = "space:\n"
                         "  optimizer: {type: categorical, choices: [sgd, adam]}\n"
                         "  n: {type: int, low: 1, high: 4}\n";
const std::string command = "objective: {kind: command, command: run}\n";

TEST(ConditionErrors, NameFileLineColumnKeyPathGotAndExpected) {
  EXPECT_EQ(error_of(base +
                     "  momentum: {type: real, low: 0, high: 1, active_if: {optimizer: "
                     "adma}}\n" +
                     command),
            "p.yaml:4:66: space.momentum.active_if.optimizer: 'adma' is not a value of "
            "'optimizer'; did you mean 'adam'? (got 'adma'; expected categorical {sgd, adam})");
  EXPECT_EQ(error_of(base +
                     "  m:\n    type: real\n    low: 0\n    high: 1\n    active_if:\n"
                     "      any:\n        - {n: 2}\n        - {optimzer: sgd}\n" +
                     command),
            "p.yaml:11:12: space.m.active_if.any[1].optimzer: unknown parameter 'optimzer'; did "
            "you mean 'optimizer'? (got 'optimzer'; expected a parameter defined above 'm' "
            "(optimizer, n))");
}

TEST(ConditionErrors, TheFirstParameterCannotBeConditional) {
  EXPECT_THAT(error_of("space:\n  a: {type: real, low: 0, high: 1, active_if: {b: x}}\n"
                       "  b: {type: categorical, choices: [x, y]}\n" +
                       command),
              HasSubstr("expected no parent: 'a' is the first parameter"));
}

TEST(ConditionErrors, DeepNestingIsRejectedNotRecursedForever) {
  std::string condition = "{n: 2}";
  for (int i = 0; i < 40; ++i) condition = "{all: [" + condition + "]}";
  EXPECT_THAT(error_of(base + "  m: {type: real, low: 0, high: 1, active_if: " + condition + "}\n" +
                       command),
              HasSubstr("conditions nested too deeply"));
}

TEST(ConditionErrors, SobolDesignOnlyUpToItsMaximumDimension) {
  std::string space = "space:\n";
  for (int i = 0; i < 4000; ++i) {
    space += "  x" + std::to_string(i) + ": {type: real, low: 0, high: 1}\n";
  }
  EXPECT_THAT(error_of(space + command + "search: {initial_design: sobol}\n"),
              HasSubstr("search.initial_design: the Sobol sequence supports at most"));
}

TEST(ConditionalProblem, CommandAsArgvListWithJobPlaceholdersAndRunKeys) {
  const Problem p = load_problem(std::string(HPSEARCH_FIXTURES) + "/good/command_argv.yaml");
  EXPECT_EQ(
      p.objective.command,
      (std::vector<std::string>{"python3", "{problem_dir}/train.py", "--lr", "{lr}", "--name",
                                "a b; c", "{params}", "--out={workdir}/{job_id}", "{{literal}}",
                                "--seed", "{seed}", "--epochs", "{fidelity}", "64"}));
  EXPECT_EQ(p.objective.kill_grace, 90.0);
  EXPECT_EQ(p.run.eval_timeout, 1800.0);
  EXPECT_EQ(p.run.workdir, "runs/jobs");
  EXPECT_EQ(p.run.keep_workdirs, "all");
  const Problem defaults = parse_problem("space: {lr: {type: real, low: 0, high: 1}}\n"
                                         "objective: {kind: command, command: [run, '{lr}']}\n",
                                         "<string>");
  EXPECT_EQ(defaults.run.eval_timeout, 0.0);
  EXPECT_EQ(defaults.run.workdir, "");
  EXPECT_EQ(defaults.run.keep_workdirs, "failed");
  EXPECT_THAT(format_problem_summary(p),
              HasSubstr("objective: command 'python3 {problem_dir}/train.py --lr {lr} --name "
                        "\"a b; c\" {params}"));
}

TEST(ConditionalProblem, EvalMemoryIsReadAsBytesAndPrintedByValidate) {
  const std::string problem = "space: {lr: {type: real, low: 0, high: 1}}\n"
                              "objective: {kind: command, command: [run, '{lr}']}\n";
  const Problem p = parse_problem(problem + "run: {eval_memory: 1.5GiB}\n", "<string>");
  EXPECT_EQ(p.run.eval_memory.bytes, std::uint64_t{3} << 29);
  EXPECT_THAT(format_problem_summary(p), HasSubstr("eval_memory 1.5 GiB"));
  const Problem defaults = parse_problem(problem, "<string>");
  EXPECT_FALSE(defaults.run.eval_memory.is_set());
  EXPECT_THAT(format_problem_summary(defaults), HasSubstr("eval_memory none"));
}

} // namespace
} // namespace hpsearch

namespace hpsearch {
namespace {

TEST(AmbsProblem, KeysParseAndTheSummaryNamesThem) {
  const Problem p = parse_problem(R"(
space:
  x: {type: real, low: 0, high: 1}
objective: {kind: function, name: sphere}
search: {strategy: ambs, surrogate: rf, acquisition: ei, xi: 0.01, multipoint: qucb,
         objective_scaling: none, failures: mean, n_trees: 30, max_samples: 500}
run: {manager_threads: 2}
)",
                                  "ambs.yaml");
  const AmbsOptions& ambs = p.search.strategy.ambs;
  EXPECT_EQ(ambs.surrogate, SurrogateKind::rf);
  EXPECT_EQ(ambs.acquisition.kind, AcquisitionKind::ei);
  EXPECT_DOUBLE_EQ(ambs.acquisition.xi, 0.01);
  EXPECT_EQ(ambs.multipoint, Multipoint::qucb);
  EXPECT_EQ(ambs.surrogate_options.n_trees, 30);
  EXPECT_EQ(ambs.surrogate_options.max_samples, 500);
  EXPECT_EQ(p.run.manager_threads, 2);
  EXPECT_THAT(format_problem_summary(p),
              HasSubstr("surrogate rf, acquisition ei, multipoint qucb, scaling none"));
}

} // namespace
} // namespace hpsearch
