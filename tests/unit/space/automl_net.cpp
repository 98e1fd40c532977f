#include "automl_net.hpp"

#include "test_util.hpp"

#include <string>
#include <vector>

namespace hpsearch::test {

SearchSpace automl_net_space() {
  SearchSpace s;
  // Network hyperparameters.
  s.add(Parameter::integer("batch_size", 32, 4096, true));
  s.add(Parameter::integer("number_updates", 50, 2500, true));
  s.add(Parameter::integer("n_layers", 1, 6).with_default(std::int64_t{2}));
  s.add(Parameter::real("learning_rate", 1e-6, 1.0, true));
  s.add(Parameter::real("l2", 1e-7, 1e-2, true));
  s.add(Parameter::real("dropout_output", 0.0, 0.99));
  s.add(Parameter::categorical(
      "solver", strs({"sgd", "momentum", "adam", "adadelta", "nesterov", "adagrad", "smorm3s"})));
  s.add(Parameter::categorical("lr_policy", strs({"fixed", "inv", "exp", "step"})));
  // Conditioned on the solver.
  s.add(Parameter::real("beta1", 1e-4, 0.1, true)
            .with_condition(Condition::equals("solver", str("adam"))));
  s.add(Parameter::real("beta2", 1e-4, 0.1, true)
            .with_condition(Condition::equals("solver", str("adam"))));
  s.add(Parameter::real("rho", 0.05, 0.99, true)
            .with_condition(Condition::equals("solver", str("adadelta"))));
  s.add(Parameter::real("momentum", 0.3, 0.999, true)
            .with_condition(Condition::in("solver", strs({"momentum", "nesterov"}))));
  // Conditioned on the learning-rate policy.
  s.add(Parameter::real("gamma", 1e-3, 1e-1, true)
            .with_condition(Condition::any({Condition::equals("lr_policy", str("inv")),
                                            Condition::equals("lr_policy", str("exp")),
                                            Condition::equals("lr_policy", str("step"))})));
  s.add(Parameter::real("power", 0.0, 1.0)
            .with_condition(Condition::equals("lr_policy", str("inv"))));
  s.add(Parameter::integer("step", 2, 20)
            .with_condition(Condition::equals("lr_policy", str("step"))));
  // Per layer; layer i exists when n_layers > i - 1 (layer 1 always).
  for (int i = 1; i <= 6; ++i) {
    const std::string n = std::to_string(i);
    std::optional<Condition> exists;
    if (i > 1) exists = Condition::greater("n_layers", std::int64_t{i - 1});
    auto layer = [&](Parameter p) {
      if (exists) p.active_if = *exists;
      s.add(std::move(p));
    };
    layer(Parameter::categorical("activation_" + n, strs({"sigmoid", "tanh", "scaled_tanh", "elu",
                                                          "relu", "leaky", "linear"})));
    layer(Parameter::integer("units_" + n, 64, 4096, true));
    layer(Parameter::real("dropout_" + n, 0.0, 0.99));
    layer(Parameter::categorical(
        "weight_init_" + n,
        strs({"constant", "normal", "uniform", "glorot_uniform", "glorot_normal", "he_normal",
              "he_uniform", "orthogonal", "sparse"})));
    // Chains: conditional on a parameter that is itself conditional on n_layers.
    s.add(Parameter::real("std_init_" + n, 1e-7, 0.1, true)
              .with_condition(Condition::equals("weight_init_" + n, str("normal"))));
    s.add(Parameter::real("leakiness_" + n, 0.01, 0.99)
              .with_condition(Condition::equals("activation_" + n, str("leaky"))));
    s.add(Parameter::real("tanh_scale_in_" + n, 0.5, 1.0)
              .with_condition(Condition::equals("activation_" + n, str("scaled_tanh"))));
    s.add(Parameter::real("tanh_scale_out_" + n, 1.1, 3.0)
              .with_condition(Condition::equals("activation_" + n, str("scaled_tanh"))));
  }
  // Not in the paper: an hpsearch example of a forbidden clause (Adagrad adapts its own
  // step sizes; decaying them as well is excluded here).
  s.add_forbidden({{{"solver", {str("adagrad")}}, {"lr_policy", strs({"inv", "exp"})}}});
  return s;
}

} // namespace hpsearch::test
