// Reading a job's hyperparameters (torch-free): the catalog's defaults, per-layer sizes,
// value types as the space delivers them, and the learning-rate schedules.
#include "hpsearch/core/error.hpp"
#include "hpsearch/train/hyperparameter_catalog.hpp"
#include "hpsearch/train/hyperparameters.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace hpsearch::train {
namespace {

Config resolved(std::string_view model, const Config& point) {
  TorchSpec spec;
  spec.model = std::string(model);
  return torch_hyperparameters_for(spec, point);
}

TEST(Hyperparameters, CatalogDefaultsReadForBothModels) {
  const Hyperparameters mlp = read_hyperparameters(resolved("mlp", Config{}), "mlp");
  EXPECT_EQ(mlp.optimizer, "adam");
  EXPECT_EQ(mlp.lr, 1e-3);
  EXPECT_EQ(mlp.batch_size, 128);
  EXPECT_EQ(mlp.units, (std::vector<int>{256, 256}));
  EXPECT_TRUE(mlp.filters.empty());
  const Hyperparameters cnn = read_hyperparameters(resolved("cnn", Config{}), "cnn");
  EXPECT_EQ(cnn.filters, (std::vector<int>{32, 32}));
  EXPECT_EQ(cnn.pooling, "max");
  EXPECT_EQ(cnn.kernel_size, 3);
}

TEST(Hyperparameters, PerLayerSizesWinOverTheCommonOne) {
  const Config point(
      {{"layers", std::int64_t{3}}, {"units", std::int64_t{64}}, {"units_2", std::int64_t{16}}});
  const Hyperparameters h = read_hyperparameters(resolved("mlp", point), "mlp");
  EXPECT_EQ(h.units, (std::vector<int>{64, 16, 64}));
}

TEST(Hyperparameters, ValuesAsTheSpaceDeliversThem) {
  // An int parameter for a real hyperparameter, a string "true" from a categorical, a real
  // with an integral value for an integer one.
  Config config = resolved("mlp", Config{});
  config.set("weight_decay", std::int64_t{0});
  config.set("batch_norm", std::string("true"));
  config.set("batch_size", 64.0);
  const Hyperparameters h = read_hyperparameters(config, "mlp");
  EXPECT_EQ(h.weight_decay, 0.0);
  EXPECT_TRUE(h.batch_norm);
  EXPECT_EQ(h.batch_size, 64);
}

TEST(Hyperparameters, WrongTypesAndMissingNamesAreErrorsNamingThem) {
  Config config = resolved("mlp", Config{});
  config.set("batch_size", 64.5);
  try {
    read_hyperparameters(config, "mlp");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("'batch_size' must be an integer"), std::string::npos)
        << e.what();
  }
  try {
    read_hyperparameters(Config({{"lr", 0.1}}), "mlp");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("is missing"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_hyperparameters(resolved("mlp", Config{}), "rnn"), Error);
}

TEST(Hyperparameters, Schedules) {
  Hyperparameters h;
  h.lr = 0.1;
  h.lr_gamma = 0.5;
  h.lr_step_size = 2;
  h.lr_schedule = "constant";
  EXPECT_EQ(scheduled_lr(h, 5, 0.3, 10), 0.1);
  h.lr_schedule = "step";
  EXPECT_DOUBLE_EQ(scheduled_lr(h, 1, 0.9, 10), 0.1);
  EXPECT_DOUBLE_EQ(scheduled_lr(h, 2, 0.0, 10), 0.05);
  EXPECT_DOUBLE_EQ(scheduled_lr(h, 5, 0.0, 10), 0.025);
  h.lr_schedule = "exponential";
  EXPECT_DOUBLE_EQ(scheduled_lr(h, 3, 0.5, 10), 0.0125);
  h.lr_schedule = "cosine";
  EXPECT_DOUBLE_EQ(scheduled_lr(h, 0, 0.0, 4), 0.1);
  EXPECT_NEAR(scheduled_lr(h, 2, 0.0, 4), 0.05, 1e-12);
  EXPECT_LT(scheduled_lr(h, 3, 0.99, 4), 0.001);
}

} // namespace
} // namespace hpsearch::train
