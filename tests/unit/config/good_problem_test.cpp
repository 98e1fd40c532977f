// Good problem files parse into the expected value types, in file order, with defaults.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/config/problem_summary.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

const std::string fixtures = HPSEARCH_FIXTURES;
const std::string source_dir = HPSEARCH_SOURCE_DIR;

std::vector<std::string> names(const SearchSpace& space) {
  std::vector<std::string> out;
  for (const auto& p : space.parameters()) out.push_back(p.name);
  return out;
}

TEST(GoodProblem, MinimalBraninTakesTheDefaults) {
  const Problem p = load_problem(fixtures + "/good/branin_minimal.yaml");
  EXPECT_EQ(p.origin, fixtures + "/good/branin_minimal.yaml");
  EXPECT_NE(p.text.find("name: branin"), std::string::npos);
  ASSERT_EQ(names(p.space), (std::vector<std::string>{"x1", "x2"}));
  const Parameter& x2 = p.space.parameters()[1];
  EXPECT_EQ(x2.kind, ParamKind::real);
  EXPECT_EQ(x2.low, 0.0);
  EXPECT_EQ(x2.high, 15.0);
  EXPECT_FALSE(x2.log);
  EXPECT_EQ(p.objective.kind, EvaluatorKind::function);
  EXPECT_EQ(p.objective.function, "branin");
  EXPECT_EQ(p.objective.direction, Direction::minimize);
  EXPECT_EQ(p.objective.sleep_min, 0.0);
  EXPECT_EQ(p.objective.sleep_max, 0.0);
  EXPECT_EQ(p.search.strategy.kind, StrategyKind::random);
  EXPECT_EQ(p.run.max_evals, 100);
  EXPECT_TRUE(std::isinf(p.run.max_time));
  EXPECT_EQ(p.run.seed, 42u);
  EXPECT_EQ(p.run.checkpoint, "");
}

TEST(GoodProblem, DeclaredMetricsKeepTheirOrderAndDefaultToNone) {
  EXPECT_TRUE(load_problem(fixtures + "/good/branin_minimal.yaml").metrics.empty());
  const Problem p = parse_problem("space:\n  x: {type: real, low: 0.0, high: 1.0}\n"
                                  "objective: {kind: command, command: \"python t.py {x}\"}\n"
                                  "metrics: [train_time, params, val.loss-2]\n",
                                  "<metrics>");
  EXPECT_EQ(p.metrics, (std::vector<std::string>{"train_time", "params", "val.loss-2"}));
  EXPECT_NE(format_problem_summary(p).find("metrics: m:train_time, m:params, m:val.loss-2\n"),
            std::string::npos)
      << "hpsearch validate names the metric columns";
}

TEST(GoodProblem, Hartmann6WithLogAndIntAndEverySetting) {
  const Problem p = load_problem(fixtures + "/good/hartmann6_log.yaml");
  ASSERT_EQ(names(p.space), (std::vector<std::string>{"x1", "x2", "x3", "x4", "x5", "x6"}));
  const auto& ps = p.space.parameters();
  EXPECT_EQ(ps[0].kind, ParamKind::real);
  EXPECT_EQ(ps[0].low, 1.0e-3);
  EXPECT_TRUE(ps[0].log);
  EXPECT_EQ(ps[1].kind, ParamKind::real); // type: float
  EXPECT_EQ(ps[2].low, 1e-2);             // YAML 1.2 exponent without a dot
  EXPECT_TRUE(ps[2].log);
  EXPECT_EQ(ps[3].kind, ParamKind::integer); // type: integer
  EXPECT_FALSE(ps[4].log);                   // log: false
  EXPECT_EQ(p.objective.function, "hartmann6");
  EXPECT_EQ(p.objective.direction, Direction::maximize);
  EXPECT_EQ(p.objective.sleep_min, 0.25);
  EXPECT_EQ(p.objective.sleep_max, 0.25);
  EXPECT_EQ(p.run.max_evals, 500);
  EXPECT_EQ(p.run.max_time, 5400.0);
  EXPECT_EQ(p.run.seed, 0u);
  EXPECT_EQ(p.run.checkpoint, "results/h6.h5");
}

TEST(GoodProblem, SphereWithLogIntAndSleepRangeAndSecondsAsNumber) {
  const Problem p = load_problem(fixtures + "/good/sphere_mixed.yaml");
  ASSERT_EQ(names(p.space), (std::vector<std::string>{"lr", "units", "depth"}));
  const Parameter& units = p.space.parameters()[1];
  EXPECT_EQ(units.kind, ParamKind::integer);
  EXPECT_EQ(units.low, 16.0);
  EXPECT_EQ(units.high, 1024.0);
  EXPECT_TRUE(units.log);
  EXPECT_EQ(p.space.parameters()[2].low, -3.0);
  EXPECT_EQ(p.objective.sleep_min, 0.0);
  EXPECT_EQ(p.objective.sleep_max, 0.1);
  EXPECT_EQ(p.run.max_time, 90.0);
  EXPECT_EQ(p.run.seed, 7u);
  EXPECT_EQ(p.run.max_evals, 100);
}

TEST(GoodProblem, QuickstartTrainsAnMlpOnFashionMnist) {
  const Problem p = load_problem(source_dir + "/configs/quickstart.yaml");
  EXPECT_EQ(names(p.space),
            (std::vector<std::string>{"lr", "batch_size", "layers", "units", "activation",
                                      "dropout", "optimizer", "momentum"}));
  EXPECT_EQ(p.objective.kind, EvaluatorKind::torch);
  EXPECT_EQ(p.objective.direction, Direction::maximize);
  EXPECT_EQ(p.objective.torch.model, "mlp");
  EXPECT_EQ(p.objective.torch.dataset, "fashion_mnist");
  EXPECT_EQ(p.objective.torch.metric, "accuracy");
  EXPECT_EQ(p.objective.torch.subset, 0);
  EXPECT_EQ(p.search.strategy.kind, StrategyKind::ambs);
  EXPECT_EQ(p.run.max_evals, 40);
  EXPECT_EQ(p.run.seed, 42u);
  EXPECT_EQ(p.run.checkpoint, "quickstart.h5");
}

TEST(GoodProblem, Hartmann6IsSixRealsWithSleepRange) {
  const Problem p = load_problem(source_dir + "/configs/hartmann6.yaml");
  ASSERT_EQ(p.space.size(), 6u);
  for (const auto& param : p.space.parameters()) {
    EXPECT_EQ(param.kind, ParamKind::real) << param.name;
    EXPECT_EQ(param.low, 0.0) << param.name;
    EXPECT_EQ(param.high, 1.0) << param.name;
  }
  EXPECT_EQ(p.objective.function, "hartmann6");
  EXPECT_EQ(p.objective.sleep_min, 0.005);
  EXPECT_EQ(p.objective.sleep_max, 0.02);
  EXPECT_EQ(p.search.strategy.kind, StrategyKind::ambs);
  EXPECT_EQ(p.run.max_evals, 200);
  EXPECT_EQ(p.run.checkpoint, "hartmann6.h5");
}

TEST(GoodProblem, BraninConfigParses) {
  const Problem p = load_problem(source_dir + "/configs/branin.yaml");
  ASSERT_EQ(names(p.space), (std::vector<std::string>{"x1", "x2"}));
  EXPECT_EQ(p.objective.function, "branin");
  EXPECT_EQ(p.run.checkpoint, "branin.h5");
}

TEST(GoodProblem, ParsesTextInMemoryAndKeepsItVerbatim) {
  const std::string text = "space:\n  b: {type: int, low: 1, high: 3}\n  a: {type: real, low: "
                           "0, high: 1}\nobjective: {kind: function, name: ackley}\n";
  const Problem p = parse_problem(text, "<string>");
  EXPECT_EQ(p.origin, "<string>");
  EXPECT_EQ(p.text, text);
  EXPECT_EQ(names(p.space), (std::vector<std::string>{"b", "a"})); // file order, not sorted
}

TEST(GoodProblem, DurationFormsInRunMaxTime) {
  const auto max_time = [](const std::string& value) {
    return parse_problem("space: {x: {type: real, low: 0, high: 1}}\n"
                         "objective: {kind: function, name: sphere}\n"
                         "run: {max_time: " +
                             value + "}\n",
                         "<string>")
        .run.max_time;
  };
  EXPECT_EQ(max_time("2h"), 7200.0);
  EXPECT_EQ(max_time("30m"), 1800.0);
  EXPECT_EQ(max_time("1d"), 86400.0);
  EXPECT_EQ(max_time("90s"), 90.0);
  EXPECT_EQ(max_time("1h30m"), 5400.0);
  EXPECT_EQ(max_time("2.5"), 2.5);
  EXPECT_EQ(max_time("\"45\""), 45.0); // a quoted number is a duration string
}

} // namespace
} // namespace hpsearch

namespace hpsearch {
namespace {

TEST(GoodProblem, SleepAsALogUniformRange) {
  const Problem p = parse_problem("space: {x: {type: real, low: 0, high: 1}}\n"
                                  "objective: {kind: function, name: sphere,\n"
                                  "            sleep: {low: 0.002, high: 1.5, log: true}}\n",
                                  "<string>");
  EXPECT_EQ(p.objective.sleep_min, 0.002);
  EXPECT_EQ(p.objective.sleep_max, 1.5);
  EXPECT_TRUE(p.objective.sleep_log);
}

} // namespace
} // namespace hpsearch
