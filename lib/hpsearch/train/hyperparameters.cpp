#include "hpsearch/train/hyperparameters.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/train/hyperparameter_catalog.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hpsearch::train {

namespace {

const Value& need(const Config& config, const std::string& name) {
  const Value* value = config.find(name);
  if (value == nullptr)
    throw Error::input("torch trainer: hyperparameter '" + name + "' is missing");
  return *value;
}

double real(const Config& config, const std::string& name) {
  const Value& value = need(config, name);
  if (std::holds_alternative<std::string>(value)) {
    throw Error::input("torch trainer: hyperparameter '" + name + "' must be a number, not '" +
                       std::get<std::string>(value) + "'");
  }
  return as_double(value);
}

int integer(const Config& config, const std::string& name) {
  const double value = real(config, name);
  if (value != std::round(value) || std::abs(value) > 1e9) {
    throw Error::input("torch trainer: hyperparameter '" + name + "' must be an integer, not " +
                       to_string(need(config, name)));
  }
  return static_cast<int>(value);
}

bool boolean(const Config& config, const std::string& name) {
  const Value& value = need(config, name);
  if (const auto* b = std::get_if<bool>(&value)) return *b;
  if (const auto* s = std::get_if<std::string>(&value)) {
    if (*s == "true") return true;
    if (*s == "false") return false;
  }
  if (const auto* i = std::get_if<std::int64_t>(&value); i != nullptr && (*i == 0 || *i == 1)) {
    return *i == 1;
  }
  throw Error::input("torch trainer: hyperparameter '" + name + "' must be true or false, not " +
                     to_string(value));
}

std::string text(const Config& config, const std::string& name) {
  const Value& value = need(config, name);
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  throw Error::input("torch trainer: hyperparameter '" + name + "' must be a name, not " +
                     to_string(value));
}

/// units_1..units_<layers> where given, else units.
std::vector<int> per_layer(const Config& config, const std::string& name, int layers) {
  std::vector<int> sizes;
  for (int i = 1; i <= layers; ++i) {
    const std::string layer_name = name + "_" + std::to_string(i);
    sizes.push_back(config.contains(layer_name) ? integer(config, layer_name)
                                                : integer(config, name));
    if (sizes.back() < 1) throw Error::input("torch trainer: " + layer_name + " must be >= 1");
  }
  return sizes;
}

/// `h` after the checks every model shares.
Hyperparameters checked(const Hyperparameters& h) {
  if (h.epochs < 1 || h.batch_size < 1 || h.lr_step_size < 1) {
    throw Error::input("torch trainer: epochs, batch_size and lr_step_size must be >= 1");
  }
  if (!(h.lr > 0.0) || !std::isfinite(h.lr)) {
    throw Error::input("torch trainer: lr must be a finite number > 0");
  }
  return h;
}

} // namespace

Hyperparameters read_hyperparameters(const Config& config, std::string_view model) {
  Hyperparameters h;
  h.epochs = integer(config, "epochs");
  h.batch_size = integer(config, "batch_size");
  h.optimizer = text(config, "optimizer");
  h.lr = real(config, "lr");
  h.momentum = real(config, "momentum");
  h.nesterov = boolean(config, "nesterov");
  h.weight_decay = real(config, "weight_decay");
  h.lr_schedule = text(config, "lr_schedule");
  h.lr_step_size = integer(config, "lr_step_size");
  h.lr_gamma = real(config, "lr_gamma");
  if (model == "architecture") return checked(h); // the network: arch/network.hpp
  h.activation = text(config, "activation");
  h.dropout = real(config, "dropout");
  h.batch_norm = boolean(config, "batch_norm");
  if (model == "mlp") {
    h.units = per_layer(config, "units", integer(config, "layers"));
  } else if (model == "cnn") {
    h.filters = per_layer(config, "filters", integer(config, "conv_blocks"));
    h.kernel_size = integer(config, "kernel_size");
    h.pooling = text(config, "pooling");
    h.dense_units = integer(config, "dense_units");
  } else {
    throw Error::input("torch trainer: unknown model '" + std::string(model) +
                       "' (expected mlp, cnn or architecture)");
  }
  if (!(h.dropout >= 0.0 && h.dropout < 1.0)) {
    throw Error::input("torch trainer: dropout must be in [0, 1)");
  }
  return checked(h);
}

Hyperparameters default_hyperparameters(std::string_view model) {
  TorchSpec spec;
  spec.model = std::string(model);
  return read_hyperparameters(torch_hyperparameters_for(spec, Config{}), model);
}

double scheduled_lr(const Hyperparameters& h, int epoch, double progress, int epochs) {
  if (h.lr_schedule == "step") return h.lr * std::pow(h.lr_gamma, epoch / h.lr_step_size);
  if (h.lr_schedule == "exponential") return h.lr * std::pow(h.lr_gamma, epoch);
  if (h.lr_schedule == "cosine") {
    const double t = (epoch + progress) / std::max(epochs, 1);
    return h.lr * 0.5 * (1.0 + std::cos(std::numbers::pi * std::min(t, 1.0)));
  }
  return h.lr;
}

} // namespace hpsearch::train
