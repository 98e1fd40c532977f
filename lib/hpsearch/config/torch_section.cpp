// `objective.kind: torch` — the built-in LibTorch trainer. Reads data, model, metric, final
// and fixed, and checks every space parameter and fixed hyperparameter against the catalog
// (train/hyperparameter_catalog.hpp): its name, its type and its range or choices
// (train/hyperparameter_check.hpp), so that whatever the trainer would reject later is
// reported here, located in the file.
#include "hpsearch/arch/genes.hpp"
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"
#include "hpsearch/core/suggest.hpp"
#include "hpsearch/train/hyperparameter_catalog.hpp"
#include "hpsearch/train/hyperparameter_check.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <optional>
#include <set>

namespace hpsearch::detail {

namespace {

constexpr std::array<std::string_view, 4> datasets = {"fashion_mnist", "mnist", "hdf5", "csv"};
constexpr std::array<std::string_view, 2> metrics = {"accuracy", "loss"};
constexpr std::array<std::string_view, 2> finals = {"last", "best"};
constexpr std::string_view fixed_example = "a map of hyperparameters such as {epochs: 2}";

// --- data -------------------------------------------------------------------------------

std::string resolve_path(const Field& field, const std::string& text) {
  std::filesystem::path path(text);
  if (path.is_relative()) {
    path = std::filesystem::path(std::string(field.origin())).parent_path() / path;
  }
  return path.lexically_normal().string();
}

std::int64_t read_count(const Field& field, std::string_view what) {
  const std::int64_t value = read_integer(field, "an integer >= 0");
  if (value < 0) field.fail(std::string(what) + " must not be negative", "an integer >= 0");
  return value;
}

/// `data: {dataset: csv, path: data/iris.csv, label_column: species, ...}`.
void read_data(const Field& field, TorchSpec& spec) {
  const MapReader map(field, "a map such as {dataset: fashion_mnist, validation_fraction: 0.2}");
  constexpr std::array<std::string_view, 6> keys = {"dataset",    "path",   "validation_fraction",
                                                    "split_seed", "subset", "label_column"};
  map.allow_only(keys, "the torch data");
  if (const auto dataset = map.get("dataset")) {
    spec.dataset = read_choice(*dataset, datasets, "dataset");
  }
  const bool file = spec.dataset == "hdf5" || spec.dataset == "csv";
  const std::string path_expected = file ? "the " + spec.dataset + " file, e.g. data/train." +
                                               (spec.dataset == "csv" ? "csv" : "h5")
                                         : "the folder of the IDX files";
  if (file) map.require("path", path_expected + "; dataset " + spec.dataset + " has no default");
  if (const auto path = map.get("path")) {
    const std::string text = read_string(*path, path_expected);
    if (text.find_first_not_of(" \t") == std::string::npos) {
      path->fail("the data path is empty", path_expected);
    }
    spec.data_path = resolve_path(*path, text);
  }
  if (const auto fraction = map.get("validation_fraction")) {
    constexpr std::string_view expected = "a number between 0 and 1 (exclusive), e.g. 0.2";
    spec.validation_fraction = read_number(*fraction, expected);
    if (!(spec.validation_fraction > 0.0 && spec.validation_fraction < 1.0)) {
      fraction->fail("validation_fraction must lie strictly between 0 and 1", expected);
    }
  }
  if (const auto seed = map.get("split_seed")) {
    spec.split_seed = static_cast<std::uint64_t>(read_count(*seed, "split_seed"));
  }
  if (const auto subset = map.get("subset")) spec.subset = read_count(*subset, "subset");
  if (const auto column = map.get("label_column")) {
    if (spec.dataset != "csv") {
      column->fail_got("label_column applies to dataset csv only", "dataset " + spec.dataset,
                       "no label_column, or dataset: csv");
    }
    spec.label_column = read_string(*column, "the name of the label column");
  }
}

// --- metric -----------------------------------------------------------------------------

/// `metric:` given: it must agree with `direction:`, or sets it when absent. Not given: the
/// direction decides (maximize: accuracy, minimize: loss).
void read_metric(const MapReader& map, ObjectiveSpec& spec) {
  const auto metric = map.get("metric");
  if (!metric) {
    spec.torch.metric = spec.direction == Direction::maximize ? "accuracy" : "loss";
    return;
  }
  spec.torch.metric = read_choice(*metric, metrics, "metric");
  const Direction wanted =
      spec.torch.metric == "accuracy" ? Direction::maximize : Direction::minimize;
  if (!map.get("direction")) {
    spec.direction = wanted;
  } else if (spec.direction != wanted) {
    const std::string other = spec.torch.metric == "accuracy" ? "loss" : "accuracy";
    metric->fail_got("metric " + spec.torch.metric + " is " + std::string(to_string(wanted)) +
                         "d but direction is " + std::string(to_string(spec.direction)),
                     metric->describe(),
                     "metric: " + other + ", or direction: " + std::string(to_string(wanted)));
  }
}

// --- hyperparameter names ---------------------------------------------------------------

/// "epochs, batch_size, ..., units, units_<i> (i in 1..16)" for `model`.
std::string names_text(const std::string& model) {
  std::string out = join(torch_hyperparameter_names(model));
  for (const PerLayerInfo& entry : torch_per_layer()) {
    const HyperInfo* base = find_torch_hyperparameter(entry.base);
    if (!base->applies_to(model)) continue;
    out +=
        ", " + std::string(entry.base) + "_<i> (i in 1.." + std::to_string(entry.max_layers) + ")";
  }
  return out;
}

/// The hyperparameter `name` names for `model`, else fails at `at`: unknown (with a
/// suggestion), another model's, or a per-layer index out of range.
const HyperInfo& resolve(const Field& at, const std::string& name, const std::string& model) {
  const std::string expected = "a hyperparameter of model " + model + ": " + names_text(model);
  const HyperInfo* info = find_torch_hyperparameter(name);
  if (info != nullptr && info->applies_to(model)) return *info;
  if (info != nullptr) {
    at.fail_got("'" + name + "' is " + (info->mlp ? "an mlp" : "a cnn") +
                    " hyperparameter, but the model is " + model,
                "'" + name + "'", expected);
  }
  std::vector<std::string> options;
  for (std::string_view known : torch_hyperparameter_names(model)) options.emplace_back(known);
  for (const PerLayerInfo& entry : torch_per_layer()) {
    if (!find_torch_hyperparameter(entry.base)->applies_to(model)) continue;
    const std::string prefix = std::string(entry.base) + "_";
    if (name.rfind(prefix, 0) == 0) {
      at.fail_got("no layer '" + name.substr(prefix.size()) + "' for " + std::string(entry.base) +
                      "_<i>: i runs from 1 to " + std::to_string(entry.max_layers),
                  "'" + name + "'", expected);
    }
    for (int i = 1; i <= entry.max_layers; ++i) options.push_back(prefix + std::to_string(i));
  }
  const std::vector<std::string_view> views(options.begin(), options.end());
  std::string what = "unknown hyperparameter '" + name + "' for model " + model;
  if (auto match = closest_match(name, views)) what += "; did you mean '" + *match + "'?";
  at.fail_got(what, "'" + name + "'", expected);
}

// --- values -----------------------------------------------------------------------------

void check_value(const Field& field, const Value& value, const std::string& name,
                 const HyperInfo& info) {
  if (const auto problem = hyper_value_problem(value, name, info)) {
    std::string what = problem->what;
    if (!problem->unknown_choice.empty()) {
      if (auto match = closest_match(problem->unknown_choice, info.choices)) {
        what += "; did you mean '" + *match + "'?";
      }
    }
    field.fail_got(what, field.describe(), problem->expected);
  }
}

// --- space parameters -------------------------------------------------------------------

/// What a parameter of the space must be to hold hyperparameter `info`.
std::string types_for(const HyperInfo& info) {
  switch (info.kind) {
  case HyperKind::real:
    return "type real or int, or categorical / ordinal / constant numbers";
  case HyperKind::integer:
    return "type int, or categorical / ordinal / constant integers";
  case HyperKind::boolean:
    return "type categorical or constant with values true / false";
  case HyperKind::choice:
    return "type categorical, ordinal or constant with values among " + join(info.choices);
  }
  return {};
}

/// A space parameter named after hyperparameter `info`: its type and its range or values.
void check_parameter(const Parameter& p, const HyperInfo& info, const Field& definition) {
  const MapReader map(definition, "a parameter definition");
  const bool bounded = p.kind == ParamKind::real || p.kind == ParamKind::integer;
  const bool fits = bounded ? info.kind == HyperKind::real ||
                                  (info.kind == HyperKind::integer && p.kind == ParamKind::integer)
                            : true;
  if (!fits) {
    map.require("type", "a type")
        .fail_got(p.name + " is " + (info.kind == HyperKind::integer ? "an " : "a ") +
                      std::string(to_string(info.kind)) + " hyperparameter; " +
                      kind_phrase(p.kind) + " cannot hold it",
                  map.require("type", "a type").describe(), types_for(info));
  }
  if (bounded) {
    if (const auto low = hyper_range_problem(p.low, p.name, info)) {
      const Field field = map.require("low", "a number");
      field.fail_got(low->what, field.describe(), low->expected);
    }
    if (const auto high = hyper_range_problem(p.high, p.name, info)) {
      const Field field = map.require("high", "a number");
      field.fail_got(high->what, field.describe(), high->expected);
    }
    return;
  }
  if (p.kind == ParamKind::constant) {
    check_value(map.require("value", "a value"), p.choices.front(), p.name, info);
    return;
  }
  const Field list = map.require(p.kind == ParamKind::ordinal ? "values" : "choices", "a list");
  for (std::size_t k = 0; k < p.choices.size(); ++k) {
    check_value(list.child(list.node()[k], "[" + std::to_string(k) + "]"), p.choices[k], p.name,
                info);
  }
}

// --- fixed ------------------------------------------------------------------------------

void read_fixed(const Field& field, const ParsedSpace& space, TorchSpec& spec) {
  const MapReader map(field, fixed_example);
  for (const MapReader::Entry& entry : map.entries()) {
    const HyperInfo& info = resolve(entry.key_field, entry.key, spec.model);
    if (space.space.find(entry.key) != nullptr) {
      entry.key_field.fail_got("'" + entry.key + "' is both searched (in space) and fixed",
                               "'" + entry.key + "' in both",
                               "each hyperparameter in space or in fixed, not both");
    }
    Value value = read_value(entry.value);
    check_value(entry.value, value, entry.key, info);
    if (info.kind == HyperKind::real) value = as_double(value); // 1 -> 1.0
    spec.fixed.emplace_back(entry.key, std::move(value));
  }
}

// --- per-layer completeness -------------------------------------------------------------

const Value* fixed_value(const TorchSpec& spec, std::string_view name) {
  for (const auto& [fixed_name, value] : spec.fixed) {
    if (fixed_name == name) return &value;
  }
  return nullptr;
}

/// The largest value hyperparameter `name` (an integer) can take: its space parameter's
/// high bound or largest value, its fixed value, else its default.
std::int64_t largest(std::string_view name, const SearchSpace& space, const TorchSpec& spec) {
  if (const Parameter* p = space.find(std::string(name))) {
    if (p->kind == ParamKind::integer || p->kind == ParamKind::real) {
      return static_cast<std::int64_t>(p->high);
    }
    double most = 0.0;
    for (const Value& v : p->choices) most = std::max(most, as_double(v));
    return static_cast<std::int64_t>(most);
  }
  if (const Value* v = fixed_value(spec, name)) return static_cast<std::int64_t>(as_double(*v));
  return std::get<std::int64_t>(torch_default(*find_torch_hyperparameter(name)));
}

/// units_<i> / filters_<i> without units / filters as the fallback: every layer the count
/// (layers / conv_blocks) can reach needs its own.
void check_layers(const ParsedSpace& space, const std::optional<Field>& fixed,
                  const TorchSpec& spec) {
  for (const PerLayerInfo& entry : torch_per_layer()) {
    const std::string base(entry.base);
    if (!find_torch_hyperparameter(base)->applies_to(spec.model)) continue;
    if (space.space.find(base) != nullptr || fixed_value(spec, base) != nullptr) continue;
    std::set<int> given;
    std::optional<Field> first;
    const auto note = [&](const std::string& name, const Field& at) {
      int layer = 0;
      const HyperInfo* info = find_torch_hyperparameter(name, &layer);
      if (info == nullptr || info->name != entry.base || layer == 0) return;
      given.insert(layer);
      if (!first) first = at;
    };
    const auto& parameters = space.space.parameters();
    for (std::size_t i = 0; i < parameters.size(); ++i) note(parameters[i].name, space.fields[i]);
    if (fixed) {
      const MapReader reader(*fixed, fixed_example);
      for (const MapReader::Entry& e : reader.entries()) {
        note(e.key, e.key_field);
      }
    }
    if (!first) continue;
    const std::int64_t layers = largest(entry.count, space.space, spec);
    std::vector<std::string> missing;
    for (int i = 1; i <= layers; ++i) {
      if (given.count(i) == 0) missing.push_back(base + "_" + std::to_string(i));
    }
    if (missing.empty()) continue;
    std::string list;
    for (const std::string& name : missing) list += (list.empty() ? "" : ", ") + name;
    first->fail_got("missing " + list + ": " + std::string(entry.count) + " can be " +
                        std::to_string(layers) + " and there is no " + base +
                        " for the layers without their own",
                    "per-layer " + base + " for " + std::to_string(given.size()) + " of " +
                        std::to_string(layers) + " layers",
                    base + "_1 .. " + base + "_" + std::to_string(layers) +
                        " in space or fixed, or " + base + " as the fallback");
  }
}

} // namespace

void parse_torch(const MapReader& map, const ParsedSpace& space, ObjectiveSpec& spec) {
  constexpr std::array<std::string_view, 8> keys = {"kind",   "direction", "data",  "model",
                                                    "metric", "final",     "fixed", "kill_grace"};
  map.allow_only(keys, "a torch objective");
  TorchSpec& torch = spec.torch;
  if (const auto model = map.get("model")) {
    torch.model = read_choice(*model, torch_models(), "model");
  }
  if (const auto data = map.get("data")) read_data(*data, torch);
  read_metric(map, spec);
  if (const auto last_or_best = map.get("final")) {
    torch.final = read_choice(*last_or_best, finals, "final");
  }
  const auto& parameters = space.space.parameters();
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    // The architecture's genes (problem.cpp); without an architecture, arch.* is an ordinary
    // name, which the catalog of model mlp or cnn refuses.
    if (torch.model == "architecture" && arch::is_gene_name(parameters[i].name)) continue;
    const HyperInfo& info = resolve(space.fields[i], parameters[i].name, torch.model);
    check_parameter(parameters[i], info, space.fields[i]);
  }
  const auto fixed = map.get("fixed");
  if (fixed) read_fixed(*fixed, space, torch);
  check_layers(space, fixed, torch);
}

} // namespace hpsearch::detail
