// The conditional and HPO-like problems of the suite: synthetic "validation errors" with
// log-scaled parameters, categorical offsets and interactions, minima known by
// construction (every penalty term is zero at optimum_at).
#include "hpsearch/eval/test_functions.hpp"
#include "suite_builders.hpp"

#include <array>
#include <cmath>
#include <string>

namespace hpsearch::bench {

namespace {

double square(double v) {
  return v * v;
}

const std::string& text(const Config& c, const std::string& name) {
  return std::get<std::string>(c.at(name));
}

std::vector<Value> strings(std::initializer_list<const char*> names) {
  std::vector<Value> values;
  for (const char* n : names) values.emplace_back(std::string(n));
  return values;
}

std::string units(int layer) {
  return "units_" + std::to_string(layer);
}

} // namespace

// Like the Auto-Net space: the optimizer's momentum is active only for sgd, layer k's
// width only when n_layers >= k. Best: sgd, lr 10^-1.5, momentum 0.9, 3 layers of 512, 256
// and 128 units, dropout 0.3 (value 0.10); adam's best is 0.12.
SuiteProblem conditional_autonet(const std::string& name) {
  static constexpr std::array<double, 4> kDepthPenalty = {0.08, 0.03, 0.0, 0.02};
  static constexpr std::array<double, 4> kWidthTarget = {9.0, 8.0, 7.0, 6.0}; // log2 units
  SuiteProblem p;
  p.name = name;
  p.space.add(Parameter::categorical("optimizer", strings({"sgd", "adam"})));
  p.space.add(Parameter::real("lr", 1e-5, 1.0, true));
  p.space.add(Parameter::real("momentum", 0.0, 0.99)
                  .with_condition(Condition::equals("optimizer", std::string("sgd"))));
  p.space.add(Parameter::integer("n_layers", 1, 4));
  for (int k = 1; k <= 4; ++k) {
    auto width = Parameter::integer(units(k), 16, 1024, true);
    if (k > 1) width = width.with_condition(Condition::greater("n_layers", std::int64_t{k - 1}));
    p.space.add(width);
  }
  p.space.add(Parameter::real("dropout", 0.0, 0.8));
  p.truth = [](const Config& c) {
    const bool sgd = text(c, "optimizer") == "sgd";
    const double log_lr = std::log10(as_double(c.at("lr")));
    const auto layers = static_cast<int>(as_double(c.at("n_layers")));
    double error =
        sgd ? 0.10 + 0.05 * square(log_lr + 1.5) + 0.2 * square(as_double(c.at("momentum")) - 0.9)
            : 0.12 + 0.05 * square(log_lr + 3.2);
    error += kDepthPenalty[static_cast<std::size_t>(layers - 1)];
    for (int k = 1; k <= layers; ++k) {
      error += 0.01 * square(std::log2(as_double(c.at(units(k)))) -
                             kWidthTarget[static_cast<std::size_t>(k - 1)]);
    }
    return error + 0.1 * square(as_double(c.at("dropout")) - 0.3);
  };
  p.optimum = 0.10;
  p.optimum_at.set("optimizer", std::string("sgd"));
  p.optimum_at.set("lr", std::pow(10.0, -1.5));
  p.optimum_at.set("momentum", 0.9);
  p.optimum_at.set("n_layers", std::int64_t{3});
  p.optimum_at.set(units(1), std::int64_t{512});
  p.optimum_at.set(units(2), std::int64_t{256});
  p.optimum_at.set(units(3), std::int64_t{128});
  p.optimum_at.set("dropout", 0.3);
  return p;
}

// A choice among three models, each with its own parameters (active only when chosen):
// branin (scaled, best 0.2), hartmann3 (best 0: the global optimum) and six-hump camel
// (scaled, best 0.1).
SuiteProblem conditional_branches(const std::string& name) {
  SuiteProblem p;
  p.name = name;
  p.space.add(Parameter::categorical("model", strings({"branin", "hartmann3", "camel"})));
  auto when = [](const char* model) { return Condition::equals("model", std::string(model)); };
  p.space.add(Parameter::real("b0", -5.0, 10.0).with_condition(when("branin")));
  p.space.add(Parameter::real("b1", 0.0, 15.0).with_condition(when("branin")));
  for (int i = 0; i < 3; ++i) {
    p.space.add(
        Parameter::real("h" + std::to_string(i), 0.0, 1.0).with_condition(when("hartmann3")));
  }
  p.space.add(Parameter::real("c0", -3.0, 3.0).with_condition(when("camel")));
  p.space.add(Parameter::real("c1", -2.0, 2.0).with_condition(when("camel")));
  const double h3 = find_test_function("hartmann3")->optimum_value;
  const double camel = find_test_function("six_hump_camel")->optimum_value;
  const double b = find_test_function("branin")->optimum_value;
  p.truth = [h3, camel, b](const Config& c) {
    auto get = [&](const std::string& n) { return as_double(c.at(n)); };
    const std::string& model = text(c, "model");
    if (model == "branin") return 0.2 + (branin({get("b0"), get("b1")}) - b) / 10.0;
    if (model == "camel") return 0.1 + (six_hump_camel({get("c0"), get("c1")}) - camel) / 2.0;
    return hartmann3({get("h0"), get("h1"), get("h2")}) - h3;
  };
  p.optimum = 0.0;
  p.optimum_at.set("model", std::string("hartmann3"));
  const auto home = find_test_function("hartmann3")->optimum_at(3);
  for (int i = 0; i < 3; ++i)
    p.optimum_at.set("h" + std::to_string(i), home[static_cast<std::size_t>(i)]);
  return p;
}

// A neural network's validation error: the best learning rate depends on the optimizer and
// grows with the batch size; weight decay and dropout have optima; categorical offsets.
// Best 0.05: adam, relu, lr 1e-3, batch 64, weight decay 1e-4, dropout 0.2.
SuiteProblem hpo_mlp(const std::string& name) {
  SuiteProblem p;
  p.name = name;
  p.space.add(Parameter::categorical("optimizer", strings({"sgd", "adam", "rmsprop"})));
  p.space.add(Parameter::categorical("activation", strings({"relu", "tanh", "elu", "sigmoid"})));
  p.space.add(Parameter::real("lr", 1e-5, 1.0, true));
  p.space.add(Parameter::real("weight_decay", 1e-7, 1e-1, true));
  p.space.add(Parameter::integer("batch_size", 16, 1024, true));
  p.space.add(Parameter::real("dropout", 0.0, 0.9));
  p.truth = [](const Config& c) {
    const std::string& optimizer = text(c, "optimizer");
    const std::string& activation = text(c, "activation");
    const double octaves = std::log2(as_double(c.at("batch_size"))) - 6.0;
    const double best_lr = (optimizer == "sgd"    ? -1.0
                            : optimizer == "adam" ? -3.0
                                                  : -3.5) +
                           0.25 * octaves;
    const double offset = (optimizer == "sgd"    ? 0.03
                           : optimizer == "adam" ? 0.0
                                                 : 0.06) +
                          (activation == "relu"   ? 0.0
                           : activation == "tanh" ? 0.02
                           : activation == "elu"  ? 0.01
                                                  : 0.1);
    return 0.05 + offset + 0.04 * square(std::log10(as_double(c.at("lr"))) - best_lr) +
           0.01 * square(std::log10(as_double(c.at("weight_decay"))) + 4.0) +
           0.05 * square(as_double(c.at("dropout")) - 0.2) + 0.005 * square(octaves);
  };
  p.optimum = 0.05;
  p.optimum_at.set("optimizer", std::string("adam"));
  p.optimum_at.set("activation", std::string("relu"));
  p.optimum_at.set("lr", 1e-3);
  p.optimum_at.set("weight_decay", 1e-4);
  p.optimum_at.set("batch_size", std::int64_t{64});
  p.optimum_at.set("dropout", 0.2);
  return p;
}

// Gradient boosting's validation error: learning rate and number of trees trade off
// (best when lr * trees = 10, with 200 trees preferred), max_depth is active for the tree
// boosters only, gblinear and dart carry offsets. Best 0.1: gbtree, lr 0.05, 200 trees,
// depth 6, subsample 0.8, colsample 0.6.
SuiteProblem hpo_gbm(const std::string& name) {
  SuiteProblem p;
  p.name = name;
  p.space.add(Parameter::categorical("booster", strings({"gbtree", "dart", "gblinear"})));
  p.space.add(Parameter::real("lr", 1e-3, 1.0, true));
  p.space.add(Parameter::integer("n_estimators", 10, 2000, true));
  p.space.add(Parameter::integer("max_depth", 1, 15)
                  .with_condition(Condition::in("booster", strings({"gbtree", "dart"}))));
  p.space.add(Parameter::real("subsample", 0.3, 1.0));
  p.space.add(Parameter::real("colsample", 0.3, 1.0));
  p.truth = [](const Config& c) {
    const std::string& booster = text(c, "booster");
    const double log_lr = std::log10(as_double(c.at("lr")));
    const double log_trees = std::log10(as_double(c.at("n_estimators")));
    double error = 0.1 + 0.03 * square(log_lr + log_trees - 1.0) +
                   0.003 * square(log_trees - std::log10(200.0)) +
                   0.05 * square(as_double(c.at("subsample")) - 0.8) +
                   0.03 * square(as_double(c.at("colsample")) - 0.6);
    if (booster == "gblinear") return error + 0.08;
    error += 0.004 * square(as_double(c.at("max_depth")) - 6.0);
    return booster == "dart" ? error + 0.01 : error;
  };
  p.optimum = 0.1;
  p.optimum_at.set("booster", std::string("gbtree"));
  p.optimum_at.set("lr", 0.05);
  p.optimum_at.set("n_estimators", std::int64_t{200});
  p.optimum_at.set("max_depth", std::int64_t{6});
  p.optimum_at.set("subsample", 0.8);
  p.optimum_at.set("colsample", 0.6);
  return p;
}

} // namespace hpsearch::bench
