#include "hpsearch/train/hyperparameter_catalog.hpp"

#include "hpsearch/arch/genes.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>

namespace hpsearch {

namespace {

constexpr std::array<std::string_view, 5> optimizers = {"sgd", "adam", "adamw", "rmsprop",
                                                        "adagrad"};
constexpr std::array<std::string_view, 4> schedules = {"constant", "step", "cosine", "exponential"};
constexpr std::array<std::string_view, 7> activations = {"relu",       "tanh", "elu",    "gelu",
                                                         "leaky_relu", "selu", "sigmoid"};
constexpr std::array<std::string_view, 3> poolings = {"max", "avg", "none"};
constexpr std::array<std::string_view, 3> model_names = {"mlp", "cnn", "architecture"};
constexpr std::array<std::string_view, 9> changing_names = {
    "lr",           "momentum", "nesterov",   "weight_decay", "lr_schedule",
    "lr_step_size", "lr_gamma", "batch_size", "dropout"};

enum class Models { both, mlp, cnn };

constexpr HyperInfo make(std::string_view name, Models models, HyperKind kind, double low,
                         double high, std::span<const std::string_view> choices,
                         std::string_view default_text, std::string_view help) {
  return {
      name, models != Models::cnn, models != Models::mlp, kind, low, high, choices, default_text,
      help};
}
constexpr HyperInfo real(std::string_view name, Models models, double low, double high,
                         std::string_view default_text, std::string_view help) {
  return make(name, models, HyperKind::real, low, high, {}, default_text, help);
}
constexpr HyperInfo integer(std::string_view name, Models models, double low, double high,
                            std::string_view default_text, std::string_view help) {
  return make(name, models, HyperKind::integer, low, high, {}, default_text, help);
}
constexpr HyperInfo boolean(std::string_view name, std::string_view default_text,
                            std::string_view help) {
  return make(name, Models::both, HyperKind::boolean, 0.0, 1.0, {}, default_text, help);
}
constexpr HyperInfo choice(std::string_view name, Models models,
                           std::span<const std::string_view> choices, std::string_view default_text,
                           std::string_view help) {
  return make(name, models, HyperKind::choice, 0.0, 0.0, choices, default_text, help);
}

constexpr Models both = Models::both;

constexpr std::array<HyperInfo, 20> catalog = {{
    integer("epochs", both, 1, 100000, "10",
            "training epochs (the fidelity: a strategy's job fidelity overrides it)"),
    integer("batch_size", both, 1, 1048576, "128", "examples per gradient step"),
    choice("optimizer", both, optimizers, "adam", "the optimisation algorithm"),
    real("lr", both, 1e-12, 1000, "1e-3", "learning rate"),
    real("momentum", both, 0, 1, "0.9", "momentum (sgd, rmsprop)"),
    boolean("nesterov", "false", "Nesterov momentum (sgd)"),
    real("weight_decay", both, 0, 10, "0", "L2 penalty"),
    choice("lr_schedule", both, schedules, "constant", "how the learning rate changes"),
    integer("lr_step_size", both, 1, 100000, "10", "step: epochs between decays"),
    real("lr_gamma", both, 1e-6, 1, "0.5",
         "step, exponential: learning-rate factor per decay / epoch"),
    choice("activation", both, activations, "relu", "the hidden layers' activation"),
    real("dropout", both, 0, 0.99, "0", "dropout probability after each hidden layer"),
    boolean("batch_norm", "false", "batch normalisation in each hidden layer"),
    integer("layers", Models::mlp, 1, 16, "2", "hidden layers"),
    integer("units", Models::mlp, 1, 65536, "256",
            "units of every hidden layer (units_<i>: of layer i)"),
    integer("conv_blocks", Models::cnn, 1, 8, "2", "convolution blocks"),
    integer("filters", Models::cnn, 1, 4096, "32",
            "filters of every convolution block (filters_<i>: of block i)"),
    integer("kernel_size", Models::cnn, 1, 15, "3", "convolution kernel size"),
    choice("pooling", Models::cnn, poolings, "max", "pooling after each convolution block"),
    integer("dense_units", Models::cnn, 1, 65536, "128", "units of the dense layer"),
}};

constexpr std::array<PerLayerInfo, 2> per_layer = {{
    {"units", "layers", 16},
    {"filters", "conv_blocks", 8},
}};

/// `text` as a layer index 1..max (digits, no leading zero), or 0.
int layer_index(std::string_view text, int max) {
  if (text.empty() || text.front() == '0') return 0;
  int index = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), index);
  if (ec != std::errc{} || end != text.data() + text.size()) return 0;
  return index >= 1 && index <= max ? index : 0;
}

const Value* find_fixed(const TorchSpec& spec, const std::string& name) {
  for (const auto& [fixed_name, value] : spec.fixed) {
    if (fixed_name == name) return &value;
  }
  return nullptr;
}

} // namespace

std::string_view to_string(HyperKind kind) {
  switch (kind) {
  case HyperKind::real:
    return "real";
  case HyperKind::integer:
    return "integer";
  case HyperKind::boolean:
    return "boolean";
  case HyperKind::choice:
    return "choice";
  }
  return "?";
}

std::span<const HyperInfo> torch_hyperparameters() {
  return catalog;
}

std::span<const PerLayerInfo> torch_per_layer() {
  return per_layer;
}

bool torch_changes_between_jobs(std::string_view name) {
  return std::find(changing_names.begin(), changing_names.end(), name) != changing_names.end();
}

std::span<const std::string_view> torch_names_changing_between_jobs() {
  return changing_names;
}

std::span<const std::string_view> torch_models() {
  return model_names;
}

const PerLayerInfo* find_torch_per_layer(std::string_view base) {
  for (const PerLayerInfo& entry : per_layer) {
    if (entry.base == base) return &entry;
  }
  return nullptr;
}

const HyperInfo* find_torch_hyperparameter(std::string_view name, int* layer) {
  if (layer != nullptr) *layer = 0;
  for (const HyperInfo& info : catalog) {
    if (info.name == name) return &info;
  }
  const std::size_t underscore = name.rfind('_');
  if (underscore == std::string_view::npos) return nullptr;
  const PerLayerInfo* entry = find_torch_per_layer(name.substr(0, underscore));
  if (entry == nullptr) return nullptr;
  const int index = layer_index(name.substr(underscore + 1), entry->max_layers);
  if (index == 0) return nullptr;
  if (layer != nullptr) *layer = index;
  return find_torch_hyperparameter(entry->base);
}

std::vector<std::string_view> torch_hyperparameter_names(std::string_view model) {
  std::vector<std::string_view> names;
  for (const HyperInfo& info : catalog) {
    if (info.applies_to(model)) names.push_back(info.name);
  }
  return names;
}

Value torch_default(const HyperInfo& info) {
  const std::string_view text = info.default_text;
  switch (info.kind) {
  case HyperKind::real: {
    double value = 0.0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  case HyperKind::integer: {
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  case HyperKind::boolean:
    return text == "true";
  case HyperKind::choice:
    break;
  }
  return std::string(text);
}

Config torch_hyperparameters_for(const TorchSpec& spec, const Config& point) {
  Config out;
  const auto put = [&](const std::string& name, const Value* fallback) {
    if (const Value* value = point.find(name)) {
      out.set(name, *value);
    } else if (const Value* fixed = find_fixed(spec, name)) {
      out.set(name, *fixed);
    } else if (fallback != nullptr) {
      out.set(name, *fallback);
    }
  };
  for (const HyperInfo& info : catalog) {
    if (!info.applies_to(spec.model)) continue;
    const Value fallback = torch_default(info);
    put(std::string(info.name), &fallback);
    if (const PerLayerInfo* entry = find_torch_per_layer(info.name)) {
      for (int i = 1; i <= entry->max_layers; ++i) {
        put(std::string(info.name) + "_" + std::to_string(i), nullptr);
      }
    }
  }
  if (spec.model == "architecture") {
    for (const auto& [name, value] : point.entries()) {
      if (arch::is_gene_name(name)) out.set(name, value);
    }
  }
  return out;
}

} // namespace hpsearch
