// The trainer's hyperparameter catalog (torch-free): names, per-layer names, defaults and
// the merge of a job's point over `fixed:` over defaults; the value checks config reports
// at load; and that the trainer's Hyperparameters take their defaults from it.
#include "hpsearch/train/hyperparameter_catalog.hpp"
#include "hpsearch/train/hyperparameter_check.hpp"
#include "hpsearch/train/hyperparameters.hpp"

#include <algorithm>
#include <gtest/gtest.h>

namespace hpsearch {
namespace {

std::vector<std::string> names(const Config& config) {
  std::vector<std::string> out;
  for (const auto& [name, value] : config.entries()) out.push_back(name);
  return out;
}

const HyperInfo& info(std::string_view name) {
  const HyperInfo* found = find_torch_hyperparameter(name);
  if (found == nullptr) throw std::runtime_error("no hyperparameter " + std::string(name));
  return *found;
}

TEST(TorchCatalog, FindsExactAndPerLayerNames) {
  int layer = -1;
  const HyperInfo* units = find_torch_hyperparameter("units_3", &layer);
  ASSERT_NE(units, nullptr);
  EXPECT_EQ(units->name, "units");
  EXPECT_EQ(layer, 3);
  EXPECT_EQ(find_torch_hyperparameter("units_16", &layer)->name, "units");
  EXPECT_EQ(layer, 16);
  EXPECT_EQ(find_torch_hyperparameter("filters_8", &layer)->name, "filters");
  EXPECT_EQ(layer, 8);
  ASSERT_NE(find_torch_hyperparameter("lr", &layer), nullptr);
  EXPECT_EQ(layer, 0);
  for (const char* name : {"units_17", "units_0", "units_01", "units_", "units_x", "filters_9",
                           "lr_1", "dropout_2", "Units", "unknown"}) {
    EXPECT_EQ(find_torch_hyperparameter(name), nullptr) << name;
  }
}

TEST(TorchCatalog, DefaultsHaveTheirTypeAndLieInTheirRange) {
  EXPECT_EQ(torch_default(*find_torch_hyperparameter("lr")), Value{1e-3});
  EXPECT_EQ(torch_default(*find_torch_hyperparameter("epochs")), Value{std::int64_t{10}});
  EXPECT_EQ(torch_default(*find_torch_hyperparameter("nesterov")), Value{false});
  EXPECT_EQ(torch_default(*find_torch_hyperparameter("optimizer")), Value{std::string("adam")});
  EXPECT_EQ(torch_default(*find_torch_hyperparameter("lr_gamma")), Value{0.5});
  for (const HyperInfo& info : torch_hyperparameters()) {
    const Value value = torch_default(info);
    EXPECT_TRUE(info.mlp || info.cnn) << info.name;
    EXPECT_FALSE(info.help.empty()) << info.name;
    switch (info.kind) {
    case HyperKind::real:
    case HyperKind::integer:
      EXPECT_EQ(std::holds_alternative<std::int64_t>(value), info.kind == HyperKind::integer)
          << info.name;
      EXPECT_LE(info.low, as_double(value)) << info.name;
      EXPECT_GE(info.high, as_double(value)) << info.name;
      EXPECT_EQ(to_string(value), info.kind == HyperKind::real && info.default_text == "1e-3"
                                      ? "0.001"
                                      : std::string(info.default_text))
          << info.name;
      break;
    case HyperKind::boolean:
      EXPECT_TRUE(std::holds_alternative<bool>(value)) << info.name;
      EXPECT_EQ(to_string(value), info.default_text) << info.name;
      break;
    case HyperKind::choice:
      EXPECT_NE(std::find(info.choices.begin(), info.choices.end(), info.default_text),
                info.choices.end())
          << info.name;
      break;
    }
  }
}

TEST(TorchCatalog, NamesPerModel) {
  const auto mlp = torch_hyperparameter_names("mlp");
  const auto cnn = torch_hyperparameter_names("cnn");
  const auto has = [](const std::vector<std::string_view>& list, std::string_view name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  for (const char* shared :
       {"epochs", "batch_size", "optimizer", "lr", "momentum", "nesterov", "weight_decay",
        "lr_schedule", "lr_step_size", "lr_gamma", "activation", "dropout", "batch_norm"}) {
    EXPECT_TRUE(has(mlp, shared) && has(cnn, shared)) << shared;
  }
  EXPECT_TRUE(has(mlp, "layers") && has(mlp, "units") && !has(mlp, "filters"));
  for (const char* name : {"conv_blocks", "filters", "kernel_size", "pooling", "dense_units"}) {
    EXPECT_TRUE(has(cnn, name) && !has(mlp, name)) << name;
  }
  EXPECT_FALSE(has(cnn, "units") || has(cnn, "layers"));
  EXPECT_EQ(mlp.size(), 15u);
  EXPECT_EQ(cnn.size(), 18u);
}

TEST(TorchCatalog, MergesPointOverFixedOverDefaults) {
  TorchSpec spec;
  spec.model = "mlp";
  spec.fixed = {{"epochs", std::int64_t{2}}, {"lr", 0.5}, {"units_2", std::int64_t{64}}};
  const Config point({{"lr", 0.01},
                      {"units_1", std::int64_t{32}},
                      {"activation", std::string("tanh")},
                      {"not_a_hyperparameter", std::int64_t{1}},
                      {"pooling", std::string("avg")}});
  const Config all = torch_hyperparameters_for(spec, point);
  EXPECT_EQ(all.at("lr"), Value{0.01});                      // point over fixed
  EXPECT_EQ(all.at("epochs"), Value{std::int64_t{2}});       // fixed over default
  EXPECT_EQ(all.at("batch_size"), Value{std::int64_t{128}}); // default
  EXPECT_EQ(all.at("activation"), Value{std::string("tanh")});
  EXPECT_EQ(all.at("units_1"), Value{std::int64_t{32}});
  EXPECT_EQ(all.at("units_2"), Value{std::int64_t{64}});
  EXPECT_FALSE(all.contains("units_3"));
  EXPECT_FALSE(all.contains("not_a_hyperparameter"));
  EXPECT_FALSE(all.contains("pooling")); // a cnn hyperparameter
  EXPECT_FALSE(all.contains("filters"));
  const std::vector<std::string> expected = {
      "epochs",       "batch_size",  "optimizer",    "lr",       "momentum",   "nesterov",
      "weight_decay", "lr_schedule", "lr_step_size", "lr_gamma", "activation", "dropout",
      "batch_norm",   "layers",      "units",        "units_1",  "units_2"};
  EXPECT_EQ(names(all), expected);
}

TEST(TorchCatalog, InactiveParametersFallBackToFixedThenDefault) {
  TorchSpec spec;
  spec.model = "cnn";
  spec.fixed = {{"momentum", 0.5}};
  const Config all = torch_hyperparameters_for(spec, Config{});
  EXPECT_EQ(all.at("momentum"), Value{0.5});
  EXPECT_EQ(all.at("filters"), Value{std::int64_t{32}});
  EXPECT_EQ(all.at("pooling"), Value{std::string("max")});
  EXPECT_FALSE(all.contains("units"));
  EXPECT_EQ(all.size(), 18u);
}

TEST(HyperparameterCheck, TypesRangesAndChoices) {
  EXPECT_FALSE(hyper_value_problem(Value{std::int64_t{1}}, "lr", info("lr"))) << "1 is a real";
  const auto high = hyper_value_problem(Value{2000.0}, "lr", info("lr"));
  ASSERT_TRUE(high);
  EXPECT_EQ(high->what, "lr must be at most 1000");
  EXPECT_EQ(high->expected, "a real for lr in [1e-12, 1000]");
  const auto low = hyper_range_problem(0.0, "epochs", info("epochs"));
  ASSERT_TRUE(low);
  EXPECT_EQ(low->what, "epochs must be at least 1");
  EXPECT_EQ(low->expected, "an integer for epochs in [1, 100000]");
  const auto fraction = hyper_value_problem(Value{2.5}, "units_2", info("units"));
  ASSERT_TRUE(fraction);
  EXPECT_EQ(fraction->what, "units_2 is an integer hyperparameter: its values must be integers");
  EXPECT_TRUE(hyper_value_problem(Value{std::int64_t{1}}, "nesterov", info("nesterov")));
  EXPECT_FALSE(hyper_value_problem(Value{true}, "nesterov", info("nesterov")));
  const auto unknown =
      hyper_value_problem(Value{std::string("adamm")}, "optimizer", info("optimizer"));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->what, "unknown optimizer 'adamm'");
  EXPECT_EQ(unknown->expected, "one of sgd, adam, adamw, rmsprop, adagrad");
  EXPECT_EQ(unknown->unknown_choice, "adamm");
  EXPECT_TRUE(
      hyper_value_problem(Value{1.0}, "optimizer", info("optimizer"))->unknown_choice.empty());
}

/// The trainer's Hyperparameters repeat no default: they read the catalog's.
TEST(HyperparameterDefaults, TheTrainerReadsTheCatalogsDefaults) {
  const train::Hyperparameters mlp = train::default_hyperparameters("mlp");
  const auto integer = [](std::string_view name) {
    return static_cast<int>(std::get<std::int64_t>(torch_default(info(name))));
  };
  const auto real = [](std::string_view name) {
    return std::get<double>(torch_default(info(name)));
  };
  const auto text = [](std::string_view name) {
    return std::get<std::string>(torch_default(info(name)));
  };
  EXPECT_EQ(mlp.epochs, integer("epochs"));
  EXPECT_EQ(mlp.batch_size, integer("batch_size"));
  EXPECT_EQ(mlp.optimizer, text("optimizer"));
  EXPECT_EQ(mlp.lr, real("lr"));
  EXPECT_EQ(mlp.momentum, real("momentum"));
  EXPECT_EQ(mlp.nesterov, std::get<bool>(torch_default(info("nesterov"))));
  EXPECT_EQ(mlp.lr_schedule, text("lr_schedule"));
  EXPECT_EQ(mlp.lr_step_size, integer("lr_step_size"));
  EXPECT_EQ(mlp.lr_gamma, real("lr_gamma"));
  EXPECT_EQ(mlp.activation, text("activation"));
  EXPECT_EQ(mlp.units,
            std::vector<int>(static_cast<std::size_t>(integer("layers")), integer("units")));
  const train::Hyperparameters cnn = train::default_hyperparameters("cnn");
  EXPECT_EQ(cnn.filters,
            std::vector<int>(static_cast<std::size_t>(integer("conv_blocks")), integer("filters")));
  EXPECT_EQ(cnn.kernel_size, integer("kernel_size"));
  EXPECT_EQ(cnn.pooling, text("pooling"));
  EXPECT_EQ(cnn.dense_units, integer("dense_units"));
}

} // namespace
} // namespace hpsearch
