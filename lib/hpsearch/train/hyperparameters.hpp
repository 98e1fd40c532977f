#pragma once
// Hyperparameters: one job's network and optimiser settings, read from its resolved
// configuration (hyperparameter_catalog.hpp names them and fills defaults). Torch-free, so
// the reading is tested without LibTorch. No default is written here: the catalog holds the
// only ones (default_hyperparameters reads them); the members start zero / empty.
#include "hpsearch/core/config.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hpsearch::train {

struct Hyperparameters {
  int epochs{};
  int batch_size{};
  std::string optimizer; ///< sgd | adam | adamw | rmsprop | adagrad
  double lr{};
  double momentum{}; ///< sgd, rmsprop
  bool nesterov{};   ///< sgd
  double weight_decay{};
  std::string lr_schedule; ///< constant | step | cosine | exponential
  int lr_step_size{};
  double lr_gamma{};
  std::string activation;
  double dropout{};
  bool batch_norm{};
  // mlp
  std::vector<int> units; ///< one entry per hidden layer
  // cnn
  std::vector<int> filters; ///< one entry per conv block
  int kernel_size{};
  std::string pooling; ///< max | avg | none
  int dense_units{};
};

/// Reads every hyperparameter `model` (mlp | cnn | architecture) needs from `config`. Per-layer
/// units_<i> / filters_<i> win over units / filters. Throws hpsearch::Error naming the
/// hyperparameter when one is missing or of the wrong type.
Hyperparameters read_hyperparameters(const Config& config, std::string_view model);

/// The catalog's defaults for `model` (mlp | cnn | architecture), read as a job would be.
Hyperparameters default_hyperparameters(std::string_view model);

/// The learning rate of `epoch` (0-based) under the schedule, `progress` in [0, 1) being
/// the position inside the epoch (cosine anneals per batch; the others per epoch).
double scheduled_lr(const Hyperparameters& h, int epoch, double progress, int epochs);

} // namespace hpsearch::train
