// `objective.kind: torch`: the TorchSpec a problem parses into, the checks of the space and
// `fixed:` against the catalog (the catalog itself: tests/unit/train), and the summary line. Error
// fixtures are in tests/fixtures/bad/torch_*.yaml (bad_fixture_test.cpp).
#include "config_test_util.hpp"
#include "hpsearch/config/catalog.hpp"
#include "hpsearch/config/problem_summary.hpp"
#include "hpsearch/train/hyperparameter_catalog.hpp"

#include <algorithm>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using test::error_of;

const std::string good = std::string(HPSEARCH_FIXTURES) + "/good/torch_mlp.yaml";

/// A torch problem with `space` (YAML lines under space:) and extra objective lines.
std::string torch_problem(const std::string& space, const std::string& objective = {}) {
  return "space:\n" + space + "objective:\n  kind: torch\n" + objective;
}

const std::string lr = "  lr: {type: real, low: 1.0e-4, high: 1.0e-1, log: true}\n";

Problem parse(const std::string& text, const std::string& origin = "p.yaml") {
  return parse_problem(text, origin);
}

// --- parsing ---------------------------------------------------------------------------

TEST(TorchSection, KillGraceAppliesToTheEvaluationHost) {
  EXPECT_EQ(parse(torch_problem(lr, "  kill_grace: 3s\n")).objective.kill_grace, 3.0);
  EXPECT_EQ(parse(torch_problem(lr)).objective.kill_grace, 10.0);
}

TEST(TorchSection, GoodFixtureParsesIntoTheExpectedSpec) {
  const Problem p = load_problem(good);
  EXPECT_EQ(p.objective.kind, EvaluatorKind::torch);
  EXPECT_EQ(p.objective.direction, Direction::maximize);
  const TorchSpec& t = p.objective.torch;
  EXPECT_EQ(t.dataset, "fashion_mnist");
  EXPECT_EQ(t.data_path, "");
  EXPECT_EQ(t.subset, 12000);
  EXPECT_EQ(t.validation_fraction, 0.2);
  EXPECT_EQ(t.split_seed, 0u);
  EXPECT_EQ(t.label_column, "");
  EXPECT_EQ(t.model, "mlp");
  EXPECT_EQ(t.metric, "accuracy");
  EXPECT_EQ(t.final, "last");
  const std::vector<std::pair<std::string, Value>> fixed = {{"epochs", std::int64_t{2}},
                                                            {"batch_size", std::int64_t{128}}};
  EXPECT_EQ(t.fixed, fixed);
  EXPECT_EQ(p.space.size(), 6u);
}

// pbt and pb2 change a member's hyperparameters between its jobs: only those a saved state
// continues with may be searched; the other strategies search the network's shape too.
TEST(TorchSection, PbtAndPb2SearchOnlyWhatAStateContinuesWith) {
  const std::string changing = lr + "  dropout: {type: real, low: 0.0, high: 0.5}\n" +
                               "  weight_decay: {type: real, low: 1.0e-6, high: 1.0e-2}\n";
  const std::string units = "  units: {type: int, low: 16, high: 256, log: true}\n";
  for (const std::string strategy : {"pbt", "pb2"}) {
    const std::string search = "search: {strategy: " + strategy + "}\n";
    EXPECT_NO_THROW(parse(torch_problem(changing) + search)) << strategy;
    const std::string message = error_of(torch_problem(changing + units) + search);
    EXPECT_NE(message.find("'units' shapes the network"), std::string::npos) << message;
    EXPECT_NE(message.find("search.strategy"), std::string::npos) << message;
    EXPECT_NE(message.find("momentum"), std::string::npos) << message; // what it may search
  }
  EXPECT_NO_THROW(parse(torch_problem(changing + units) + "search: {strategy: asha}\n"));
  EXPECT_NO_THROW(parse(torch_problem(changing + units)));
}

TEST(TorchSection, MinimalTorchObjectiveTakesTheDefaults) {
  const Problem p = parse(torch_problem(lr));
  const TorchSpec& t = p.objective.torch;
  EXPECT_EQ(t.dataset, "fashion_mnist");
  EXPECT_EQ(t.data_path, "");
  EXPECT_EQ(t.validation_fraction, 0.2);
  EXPECT_EQ(t.subset, 0);
  EXPECT_EQ(t.model, "mlp");
  EXPECT_EQ(p.objective.direction, Direction::minimize);
  EXPECT_EQ(t.metric, "loss"); // from the direction
  EXPECT_EQ(t.final, "last");
  EXPECT_TRUE(t.fixed.empty());
}

TEST(TorchSection, MetricFollowsDirectionAndSetsItWhenAbsent) {
  EXPECT_EQ(parse(torch_problem(lr, "  direction: maximize\n")).objective.torch.metric, "accuracy");
  const Problem accuracy = parse(torch_problem(lr, "  metric: accuracy\n"));
  EXPECT_EQ(accuracy.objective.direction, Direction::maximize);
  const Problem loss = parse(torch_problem(lr, "  metric: loss\n  direction: minimize\n"));
  EXPECT_EQ(loss.objective.direction, Direction::minimize);
  EXPECT_NE(error_of(torch_problem(lr, "  direction: maximize\n  metric: loss\n"))
                .find("objective.metric: metric loss is minimized but direction is maximize"),
            std::string::npos);
}

TEST(TorchSection, DataKeysAndPathResolvedAgainstTheProblemFolder) {
  const Problem csv = parse(torch_problem(lr, "  data: {dataset: csv, path: data/iris.csv, "
                                              "label_column: species, validation_fraction: "
                                              "0.25, split_seed: 9, subset: 0}\n  final: best\n"),
                            "/runs/iris/problem.yaml");
  const TorchSpec& t = csv.objective.torch;
  EXPECT_EQ(t.dataset, "csv");
  EXPECT_EQ(t.data_path, "/runs/iris/data/iris.csv");
  EXPECT_EQ(t.label_column, "species");
  EXPECT_EQ(t.validation_fraction, 0.25);
  EXPECT_EQ(t.split_seed, 9u);
  EXPECT_EQ(t.subset, 0);
  EXPECT_EQ(t.final, "best");
  const Problem absolute =
      parse(torch_problem(lr, "  data: {dataset: hdf5, path: /data/x.h5}\n"), "/runs/p.yaml");
  EXPECT_EQ(absolute.objective.torch.data_path, "/data/x.h5");
  const Problem idx =
      parse(torch_problem(lr, "  data: {dataset: mnist, path: ../mnist}\n"), "/runs/a/p.yaml");
  EXPECT_EQ(idx.objective.torch.data_path, "/runs/mnist");
}

TEST(TorchSection, DataErrorsNameTheKey) {
  EXPECT_NE(error_of(torch_problem(lr, "  data: {dataset: hdf5}\n"))
                .find("objective.data.path: required key is missing"),
            std::string::npos);
  EXPECT_NE(error_of(torch_problem(lr, "  data: {split_seed: -1}\n"))
                .find("objective.data.split_seed: split_seed must not be negative"),
            std::string::npos);
  EXPECT_NE(error_of(torch_problem(lr, "  data: {validation_fraction: 0}\n"))
                .find("validation_fraction must lie strictly between 0 and 1"),
            std::string::npos);
  EXPECT_NE(error_of(torch_problem(lr, "  data: {subset: 1.5}\n"))
                .find("objective.data.subset: wrong type"),
            std::string::npos);
  EXPECT_NE(error_of(torch_problem(lr, "  data: {dataset: csv, path: x.csv}\n  model: rnn\n"))
                .find("objective.model: unknown model"),
            std::string::npos);
  EXPECT_NE(error_of(torch_problem(lr, "  final: worst\n")).find("objective.final: unknown final"),
            std::string::npos);
}

TEST(TorchSection, FixedRealIsStoredAsARealAndKeepsFileOrder) {
  const Problem p = parse(torch_problem("  units: {type: int, low: 16, high: 64}\n",
                                        "  fixed: {lr: 1, nesterov: true, optimizer: sgd}\n"));
  const std::vector<std::pair<std::string, Value>> fixed = {
      {"lr", 1.0}, {"nesterov", true}, {"optimizer", std::string("sgd")}};
  EXPECT_EQ(p.objective.torch.fixed, fixed);
}

// --- checks of the space ----------------------------------------------------------------

TEST(TorchSection, AcceptsEveryParameterTypeThatFitsItsHyperparameter) {
  const Problem p = parse(
      torch_problem("  lr: {type: int, low: 1, high: 3}\n"                      // real from ints
                    "  dropout: {type: categorical, choices: [0, 0.25, 0.5]}\n" // real from choices
                    "  batch_size: {type: ordinal, values: [32, 64, 128]}\n" // integer from values
                    "  epochs: {type: constant, value: 3}\n"                 // integer constant
                    "  nesterov: {type: categorical, choices: [true, false]}\n" // boolean
                    "  batch_norm: {type: constant, value: true}\n"             // boolean constant
                    "  optimizer: {type: ordinal, values: [sgd, adam]}\n"   // choice from values
                    "  lr_schedule: {type: constant, value: cosine}\n"      // choice constant
                    "  weight_decay: {type: real, low: 0.0, high: 10.0}\n", // the whole range
                    "  model: mlp\n"));
  EXPECT_EQ(p.space.size(), 9u);
}

TEST(TorchSection, RejectsTypesAndValuesThatDoNotFit) {
  const auto error = [](const std::string& space, const std::string& objective = {}) {
    return error_of(torch_problem(space, objective));
  };
  EXPECT_NE(error("  nesterov: {type: int, low: 0, high: 1}\n")
                .find("space.nesterov.type: nesterov is a boolean hyperparameter; an int "
                      "parameter cannot hold it"),
            std::string::npos);
  EXPECT_NE(error("  optimizer: {type: real, low: 0, high: 1}\n")
                .find("space.optimizer.type: optimizer is a choice hyperparameter"),
            std::string::npos);
  EXPECT_NE(error("  layers: {type: categorical, choices: [1, 2.5]}\n")
                .find("space.layers.choices[1]: layers is an integer hyperparameter: its values "
                      "must be integers"),
            std::string::npos);
  EXPECT_NE(error("  layers: {type: ordinal, values: [1, 17]}\n")
                .find("space.layers.values[1]: layers must be at most 16 (got 17; expected an "
                      "integer for layers in [1, 16])"),
            std::string::npos);
  EXPECT_NE(error("  lr: {type: real, low: 0.0, high: 0.1}\n")
                .find("space.lr.low: lr must be at least 1e-12"),
            std::string::npos);
  EXPECT_NE(error("  kernel_size: {type: int, low: 1, high: 16}\n", "  model: cnn\n")
                .find("space.kernel_size.high: kernel_size must be at most 15"),
            std::string::npos);
  EXPECT_NE(error("  pooling: {type: constant, value: min}\n", "  model: cnn\n")
                .find("space.pooling.value: unknown pooling 'min'"),
            std::string::npos);
  EXPECT_NE(error("  nesterov: {type: categorical, choices: [true, 'no']}\n")
                .find("space.nesterov.choices[1]: nesterov is a boolean hyperparameter"),
            std::string::npos);
  EXPECT_NE(error("  activation: {type: categorical, choices: [relu, 1]}\n")
                .find("activation is a choice hyperparameter: its values must be names"),
            std::string::npos);
}

TEST(TorchSection, UnknownNamesListTheModelsHyperparameters) {
  const std::string message =
      error_of(torch_problem("  dense_unit: {type: int, low: 1, high: 8}\n", "  model: cnn\n"));
  EXPECT_NE(message.find("unknown hyperparameter 'dense_unit' for model cnn; did you mean "
                         "'dense_units'?"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("filters_<i> (i in 1..8)"), std::string::npos) << message;
  EXPECT_EQ(message.find("units_<i>"), std::string::npos) << message;
  EXPECT_NE(error_of(torch_problem("  units_3: {type: int, low: 1, high: 8}\n", "  model: cnn\n"))
                .find("'units_3' is an mlp hyperparameter, but the model is cnn"),
            std::string::npos);
  EXPECT_NE(error_of(torch_problem("  unit_2: {type: int, low: 1, high: 8}\n"))
                .find("did you mean 'units_2'?"),
            std::string::npos);
  EXPECT_NE(error_of(torch_problem("  units_0: {type: int, low: 1, high: 8}\n"))
                .find("no layer '0' for units_<i>: i runs from 1 to 16"),
            std::string::npos);
}

TEST(TorchSection, FixedValuesAreCheckedLikeTheSpace) {
  EXPECT_NE(error_of(torch_problem(lr, "  fixed: {batch_size: 0}\n"))
                .find("objective.fixed.batch_size: batch_size must be at least 1"),
            std::string::npos);
  EXPECT_NE(error_of(torch_problem(lr, "  fixed: {epochs: 2.0}\n"))
                .find("epochs is an integer hyperparameter"),
            std::string::npos);
  EXPECT_NE(error_of(torch_problem(lr, "  fixed: {optimizer: adm}\n"))
                .find("objective.fixed.optimizer: unknown optimizer 'adm'; did you mean 'adam'?"),
            std::string::npos);
  EXPECT_NE(error_of(torch_problem(lr, "  fixed: {pooling: max}\n"))
                .find("'pooling' is a cnn hyperparameter, but the model is mlp"),
            std::string::npos);
  EXPECT_NE(error_of(torch_problem(lr, "  fixed: {epochs: [1, 2]}\n"))
                .find("objective.fixed.epochs: wrong type"),
            std::string::npos);
  EXPECT_NE(error_of(torch_problem(lr, "  fixed: [epochs]\n")).find("objective.fixed: wrong type"),
            std::string::npos);
}

TEST(TorchSection, PerLayerNamesMustCoverEveryReachableLayerWithoutAFallback) {
  const std::string two = "  units_1: {type: int, low: 8, high: 64}\n"
                          "  units_2: {type: int, low: 8, high: 64}\n";
  // layers defaults to 2: complete.
  EXPECT_NO_THROW(parse(torch_problem(two)));
  // layers can reach 4: units_3 and units_4 are missing.
  const std::string missing =
      error_of(torch_problem("  layers: {type: ordinal, values: [1, 4]}\n" + two));
  EXPECT_NE(missing.find("space.units_1: missing units_3, units_4: layers can be 4"),
            std::string::npos)
      << missing;
  // A fixed layer count; a fixed per-layer value counts as given.
  EXPECT_NO_THROW(parse(torch_problem(two, "  fixed: {layers: 3, units_3: 16}\n")));
  EXPECT_NE(error_of(torch_problem(two, "  fixed: {layers: 3}\n")).find("missing units_3:"),
            std::string::npos);
  // units as the fallback for the layers without their own.
  EXPECT_NO_THROW(parse(
      torch_problem("  layers: {type: int, low: 1, high: 5}\n" + two, "  fixed: {units: 32}\n")));
  // Only per-layer names in fixed: the error points at the first one.
  EXPECT_NE(error_of(torch_problem("  conv_blocks: {type: int, low: 1, high: 3}\n",
                                   "  model: cnn\n  fixed: {filters_2: 16}\n"))
                .find("objective.fixed.filters_2: missing filters_1, filters_3: conv_blocks can "
                      "be 3"),
            std::string::npos);
}

// --- catalog ----------------------------------------------------------------------------

TEST(TorchCatalog, TorchIsAKnownKindWithAnEvaluator) {
  EXPECT_EQ(evaluator_kinds.at("torch"), EvaluatorKind::torch);
}

// --- summary ----------------------------------------------------------------------------

TEST(TorchSummary, DescribesDataModelMetricAndFixed) {
  const std::string summary = format_problem_summary(load_problem(good));
  EXPECT_NE(summary.find("objective: torch mlp on fashion_mnist (subset 12000, validation 20%), "
                         "metric accuracy (maximize), final last; fixed: epochs=2 "
                         "batch_size=128; kill_grace 10s\n"),
            std::string::npos)
      << summary;
  // What is neither searched nor fixed is listed at its default.
  EXPECT_NE(summary.find("\ntrainer defaults: nesterov=false weight_decay=0 lr_schedule=constant "),
            std::string::npos)
      << summary;
  EXPECT_EQ(summary.find("defaults: epochs"), std::string::npos) << summary;
  EXPECT_EQ(summary.find("lr=0.001"), std::string::npos) << summary; // lr is searched
  const std::string csv = format_problem_summary(
      parse(torch_problem(lr, "  data: {dataset: csv, path: x.csv, label_column: y, "
                              "validation_fraction: 0.125}\n  model: cnn\n"),
            "/d/p.yaml"));
  EXPECT_NE(csv.find("objective: torch cnn on csv at /d/x.csv (label column y, validation "
                     "12.5%), metric loss (minimize), final last; kill_grace 10s\n"),
            std::string::npos)
      << csv;
}

} // namespace
} // namespace hpsearch
