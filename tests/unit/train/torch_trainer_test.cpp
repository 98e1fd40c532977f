// The LibTorch trainer on real data: Fashion-MNIST from Debian's dataset-fashion-mnist
// (skipped when it is not installed) and small generated tables.
#include "blobs.hpp"
#include "have_fashion.hpp"
#include "hpsearch/train/hyperparameter_catalog.hpp"
#include "hpsearch/train/module_api.hpp"
#include "hpsearch/train/split.hpp"

#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <random>

namespace hpsearch::train {
namespace {

using test::have_fashion;

/// The quickstart's data: 12,500 Fashion-MNIST images, 10,000 to train on, 2,500 to validate.
const Split& fashion() {
  static const Split split = [] {
    DataSpec spec;
    spec.subset = 12500;
    spec.validation_fraction = 0.2;
    return load_split(spec);
  }();
  return split;
}

/// Every hyperparameter of `model` at its default, then `overrides` (the catalog's merge).
Config hyperparameters(std::string_view model,
                       std::vector<std::pair<std::string, Value>> overrides) {
  TorchSpec spec;
  spec.model = std::string(model);
  spec.fixed = std::move(overrides);
  return torch_hyperparameters_for(spec, Config{});
}

Job job_with(Config config, std::uint64_t seed = 7) {
  Job job;
  job.id = 0;
  job.config = std::move(config);
  job.seed = seed;
  return job;
}

struct Curve {
  std::vector<EpochResult> epochs;
  EpochCallback callback() {
    return [this](const EpochResult& e) {
      epochs.push_back(e);
      return ReportDecision::proceed;
    };
  }
};

/// The quickstart MLP (784-256-10, Adam 1e-3, batch 128) after one epoch on 10,000 images.
TEST(TorchTrainer, QuickstartMlpReaches80PercentInOneEpoch) {
  if (!have_fashion()) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  TrainerOptions options;
  auto trainer = make_torch_trainer(fashion(), options);
  EXPECT_EQ(trainer->device(), "cpu");
  Curve curve;
  const Outcome outcome = trainer->train(
      job_with(hyperparameters("mlp", {{"epochs", std::int64_t{1}}, {"layers", std::int64_t{1}}})),
      "", curve.callback(), {});
  ASSERT_EQ(outcome.status, Status::ok) << outcome.message;
  EXPECT_GE(outcome.objective, 0.80) << outcome.message;
  EXPECT_LE(outcome.objective, 1.0);
  ASSERT_EQ(curve.epochs.size(), 1u);
  EXPECT_EQ(curve.epochs[0].epoch, 1);
  EXPECT_EQ(curve.epochs[0].metric, outcome.objective);
  EXPECT_GT(outcome.finished_at, outcome.started_at);
  std::cout << "[ info ] 1 epoch on 10,000 images: accuracy " << outcome.objective << " ("
            << outcome.message << ")\n";
}

/// lr 10 with Adam or SGD: the loss explodes; the job is failed (or scores low), and
/// nothing throws.
TEST(TorchTrainer, HugeLearningRateFailsCleanly) {
  if (!have_fashion()) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  auto trainer = make_torch_trainer(fashion(), TrainerOptions{});
  for (const char* optimizer : {"adam", "sgd"}) {
    const Outcome outcome =
        trainer->train(job_with(hyperparameters("mlp", {{"epochs", std::int64_t{1}},
                                                        {"lr", 10.0},
                                                        {"optimizer", std::string(optimizer)}})),
                       "", {}, {});
    const bool failed = outcome.status == Status::failed;
    EXPECT_TRUE(failed || outcome.objective < 0.5)
        << optimizer << ": " << to_string(outcome.status) << " " << outcome.objective;
    if (failed) {
      EXPECT_NE(outcome.message.find("diverged"), std::string::npos) << outcome.message;
      EXPECT_NE(outcome.message.find("lr 10"), std::string::npos) << outcome.message;
    }
  }
}

using test::blobs;

TEST(TorchTrainer, SameSeedSameResultOtherSeedOther) {
  const Config h = hyperparameters("mlp", {{"epochs", std::int64_t{2}},
                                           {"batch_size", std::int64_t{16}},
                                           {"dropout", 0.3},
                                           {"lr", 1e-4},
                                           {"units", std::int64_t{8}}});
  TrainerOptions loss_options;
  loss_options.metric = "loss";
  auto loss_trainer = make_torch_trainer(blobs(400, 3), loss_options);
  const Outcome a = loss_trainer->train(job_with(h, 1), "", {}, {});
  const Outcome b = loss_trainer->train(job_with(h, 1), "", {}, {});
  const Outcome c = loss_trainer->train(job_with(h, 2), "", {}, {});
  ASSERT_EQ(a.status, Status::ok) << a.message;
  EXPECT_EQ(a.objective, b.objective);
  EXPECT_NE(a.objective, c.objective);
  EXPECT_GT(a.objective, 0.0); // a loss
}

TEST(TorchTrainer, TableDataIsLearnt) {
  auto trainer = make_torch_trainer(blobs(800, 4), TrainerOptions{});
  const Outcome outcome = trainer->train(
      job_with(hyperparameters("mlp", {{"epochs", std::int64_t{5}}, {"lr", 1e-2}})), "", {}, {});
  ASSERT_EQ(outcome.status, Status::ok) << outcome.message;
  EXPECT_GE(outcome.objective, 0.95) << outcome.message;
}

TEST(TorchTrainer, ManagerStopEndsTheJobAfterThatEpoch) {
  auto trainer = make_torch_trainer(blobs(200, 5), TrainerOptions{});
  int calls = 0;
  const Outcome outcome =
      trainer->train(job_with(hyperparameters("mlp", {{"epochs", std::int64_t{10}}})), "",
                     [&calls](const EpochResult& e) {
                       ++calls;
                       return e.epoch == 2 ? ReportDecision::stop : ReportDecision::proceed;
                     },
                     {});
  EXPECT_EQ(outcome.status, Status::stopped);
  EXPECT_EQ(calls, 2);
  EXPECT_TRUE(std::isfinite(outcome.objective));
}

/// A decision that arrives with the last epoch's report is too late: the network is
/// trained, so the job is ok.
TEST(TorchTrainer, StopDecisionAfterTheLastEpochKeepsTheJobOk) {
  auto trainer = make_torch_trainer(blobs(200, 5), TrainerOptions{});
  const Outcome outcome =
      trainer->train(job_with(hyperparameters("mlp", {{"epochs", std::int64_t{2}}})), "",
                     [](const EpochResult& e) {
                       return e.epoch == 2 ? ReportDecision::stop : ReportDecision::proceed;
                     },
                     {});
  EXPECT_EQ(outcome.status, Status::ok) << outcome.message;
}

TEST(TorchTrainer, FidelityOverridesEpochsAndFinalBestIsTheMaximum) {
  TrainerOptions options;
  options.final_best = true;
  auto trainer = make_torch_trainer(blobs(200, 6), options);
  Job job = job_with(hyperparameters(
      "mlp", {{"epochs", std::int64_t{50}}, {"lr", 0.5}, {"optimizer", std::string("sgd")}}));
  job.fidelity = 4;
  Curve curve;
  const Outcome outcome = trainer->train(job, "", curve.callback(), {});
  ASSERT_EQ(outcome.status, Status::ok) << outcome.message;
  ASSERT_EQ(curve.epochs.size(), 4u);
  double best = 0.0;
  for (const auto& e : curve.epochs) best = std::max(best, e.metric);
  EXPECT_EQ(outcome.objective, best);
}

TEST(TorchTrainer, TimeoutAndPollEndTheJobMidEpoch) {
  if (!have_fashion()) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  auto trainer = make_torch_trainer(fashion(), TrainerOptions{});
  Job job = job_with(hyperparameters("mlp", {{"epochs", std::int64_t{100}}}));
  job.timeout = 0.5;
  Outcome outcome = trainer->train(job, "", {}, {});
  EXPECT_EQ(outcome.status, Status::timeout) << outcome.message;
  EXPECT_LT(outcome.finished_at - outcome.started_at, 10.0);
  job.timeout = 0.0;
  outcome = trainer->train(job, "", {}, [] { return true; });
  EXPECT_EQ(outcome.status, Status::stopped) << outcome.message;
  EXPECT_LT(outcome.finished_at - outcome.started_at, 10.0);
}

TEST(TorchTrainer, CnnTrainsOnImages) {
  if (!have_fashion()) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  DataSpec spec;
  spec.subset = 2500;
  TrainerOptions options;
  options.model = "cnn";
  auto trainer = make_torch_trainer(load_split(spec), options);
  const Outcome outcome =
      trainer->train(job_with(hyperparameters("cnn", {{"epochs", std::int64_t{1}},
                                                      {"conv_blocks", std::int64_t{2}},
                                                      {"filters", std::int64_t{8}},
                                                      {"batch_norm", true},
                                                      {"dense_units", std::int64_t{32}}})),
                     "", {}, {});
  ASSERT_EQ(outcome.status, Status::ok) << outcome.message;
  EXPECT_GE(outcome.objective, 0.5) << outcome.message;
}

/// The CNN's own choices: every pooling, odd and even kernels (an even kernel grows the
/// image by one per block), per-block filters, on images too small to pool every time.
TEST(TorchTrainer, EveryCnnShapeBuildsAndTrains) {
  if (!have_fashion()) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  DataSpec spec;
  spec.subset = 300;
  TrainerOptions options;
  options.model = "cnn";
  auto trainer = make_torch_trainer(load_split(spec), options);
  for (const char* pooling : {"max", "avg", "none"}) {
    for (const std::int64_t kernel : {1, 4, 5}) {
      const Outcome outcome =
          trainer->train(job_with(hyperparameters("cnn", {{"epochs", std::int64_t{1}},
                                                          {"conv_blocks", std::int64_t{6}},
                                                          {"filters", std::int64_t{4}},
                                                          {"filters_6", std::int64_t{2}},
                                                          {"kernel_size", kernel},
                                                          {"pooling", std::string(pooling)},
                                                          {"activation", std::string("gelu")},
                                                          {"dense_units", std::int64_t{8}}})),
                         "", {}, {});
      EXPECT_EQ(outcome.status, Status::ok)
          << "pooling " << pooling << ", kernel " << kernel << ": " << outcome.message;
    }
  }
}

TEST(TorchTrainer, CnnOnTableDataIsAClearFailure) {
  TrainerOptions options;
  options.model = "cnn";
  auto trainer = make_torch_trainer(blobs(40, 7), options);
  const Outcome outcome =
      trainer->train(job_with(hyperparameters("cnn", {{"epochs", std::int64_t{1}}})), "", {}, {});
  EXPECT_EQ(outcome.status, Status::failed);
  EXPECT_NE(outcome.message.find("model cnn needs images"), std::string::npos) << outcome.message;
}

/// Every choice the catalog offers builds and trains: the catalog (config) and the trainer
/// agree on every name and value.
TEST(TorchTrainer, EveryCatalogChoiceTrains) {
  auto trainer = make_torch_trainer(blobs(64, 8), TrainerOptions{});
  int trained = 0;
  for (const HyperInfo& info : torch_hyperparameters()) {
    if (info.kind != HyperKind::choice && info.kind != HyperKind::boolean) continue;
    std::vector<Value> values;
    if (info.kind == HyperKind::boolean) values = {true, false};
    for (const auto& choice : info.choices) values.emplace_back(std::string(choice));
    for (const Value& value : values) {
      const std::string model = info.mlp ? "mlp" : "cnn";
      if (model == "cnn") continue; // pooling: covered by the image tests' model
      std::vector<std::pair<std::string, Value>> overrides = {{"epochs", std::int64_t{1}},
                                                              {std::string(info.name), value}};
      if (info.name != "lr_schedule") overrides.emplace_back("lr_schedule", std::string("step"));
      const Outcome outcome =
          trainer->train(job_with(hyperparameters(model, overrides)), "", {}, {});
      EXPECT_NE(outcome.status, Status::failed)
          << info.name << "=" << to_string(value) << ": " << outcome.message;
      ++trained;
    }
  }
  EXPECT_GE(trained, 20);
}

} // namespace
} // namespace hpsearch::train
