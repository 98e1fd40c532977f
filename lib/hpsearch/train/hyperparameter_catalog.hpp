#pragma once
// The hyperparameters of the built-in LibTorch trainer (`objective.kind: torch`): each
// one's name, the models it applies to, its type, range or choices, default and help line.
// The one place each hyperparameter's default is written. The config module checks a
// problem's space and `fixed:` against this table (hyperparameter_check.hpp), the torch
// evaluator fills each job's full hyperparameter set from it (torch_hyperparameters_for),
// and the trainer reads that set (hyperparameters.hpp). Torch-free (hpsearch_train_data);
// config may include it (tests/layering_test.py).
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/value.hpp"
#include "hpsearch/train/torch_options.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

enum class HyperKind { real, integer, boolean, choice };

/// "real", "integer", "boolean", "choice".
std::string_view to_string(HyperKind kind);

struct HyperInfo {
  std::string_view name;
  bool mlp; ///< applies to model mlp
  bool cnn; ///< applies to model cnn
  HyperKind kind;
  double low;                                ///< real, integer: inclusive lower bound
  double high;                               ///< real, integer: inclusive upper bound
  std::span<const std::string_view> choices; ///< choice
  std::string_view default_text;             ///< "1e-3", "adam", "false", ...
  std::string_view help;                     ///< one line for docs and validate

  /// mlp, cnn: their own and the shared ones; architecture (a network decoded from an
  /// `architecture:` space's genes): the shared training ones, not the shared ones that
  /// shape a network (activation, dropout, batch_norm: the architecture's ops decide).
  bool applies_to(std::string_view model) const {
    if (model == "architecture") {
      return mlp && cnn && name != "activation" && name != "dropout" && name != "batch_norm";
    }
    return (model == "mlp" && mlp) || (model == "cnn" && cnn);
  }
};

/// A hyperparameter given per layer: `base` (units, filters) is the value of every layer,
/// `base`_<i> (1 <= i <= max_layers) overrides layer i; `count` names the hyperparameter
/// holding the number of layers (layers, conv_blocks).
struct PerLayerInfo {
  std::string_view base;
  std::string_view count;
  int max_layers;
};

/// The whole catalog, in documentation order (shared ones, then mlp's, then cnn's).
std::span<const HyperInfo> torch_hyperparameters();
/// units (mlp, per `layers`, 1..16) and filters (cnn, per `conv_blocks`, 1..8).
std::span<const PerLayerInfo> torch_per_layer();
/// mlp, cnn, architecture (config allows architecture only with an `architecture:` section).
std::span<const std::string_view> torch_models();

/// Per-layer names units_<i> (mlp, i in 1..16) and filters_<i> (cnn, i in 1..8) resolve to
/// the HyperInfo of "units"/"filters" with the layer index in `*layer`; others match
/// exactly (`*layer` = 0). nullptr when unknown (also for an index out of range).
const HyperInfo* find_torch_hyperparameter(std::string_view name, int* layer = nullptr);
/// The per-layer entry whose base is `base`, or nullptr.
const PerLayerInfo* find_torch_per_layer(std::string_view base);

/// The hyperparameters a trial may change from one job to the next (population-based
/// training continues a copy of a member's saved state with perturbed ones): the
/// optimiser's settings (lr, momentum, nesterov, weight_decay; loading a state keeps the
/// job's, only the optimiser's buffers are read), the learning-rate schedule's, the batch
/// size and dropout (no parameters, no state). Every other one shapes the network or the
/// optimiser's state and must stay (train/training_state.hpp).
bool torch_changes_between_jobs(std::string_view name);
/// The names of torch_changes_between_jobs, for messages.
std::span<const std::string_view> torch_names_changing_between_jobs();

/// The names a problem with `model` may use, catalog order, per-layer ones excluded.
std::vector<std::string_view> torch_hyperparameter_names(std::string_view model);

/// default_text as a Value of the hyperparameter's type (double, std::int64_t, bool or
/// std::string).
Value torch_default(const HyperInfo& info);

/// The full hyperparameter set for one evaluation: every catalog name that applies to
/// `spec.model` (not the per-layer ones), plus per-layer names present in `point` or
/// `spec.fixed` (each right after its base); values from `point` (the job's configuration,
/// whose inactive parameters are absent) over `spec.fixed` over defaults. Names of `point`
/// that are not hyperparameters of the model are left out, except, for model architecture,
/// the architecture's genes (arch.*, arch/genes.hpp), kept in `point`'s order at the end.
Config torch_hyperparameters_for(const TorchSpec& spec, const Config& point);

} // namespace hpsearch
