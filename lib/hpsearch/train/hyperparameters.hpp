#pragma once
// Hyperparameters: one job's network and optimiser settings, read from its resolved
// configuration (config/torch_catalog.hpp names them and fills defaults). Torch-free, so
// the reading is tested without LibTorch.
#include "hpsearch/core/config.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hpsearch::train {

struct Hyperparameters {
  int epochs = 10;
  int batch_size = 128;
  std::string optimizer = "adam"; ///< sgd | adam | adamw | rmsprop | adagrad
  double lr = 1e-3;
  double momentum = 0.9; ///< sgd, rmsprop
  bool nesterov = false; ///< sgd
  double weight_decay = 0.0;
  std::string lr_schedule = "constant"; ///< constant | step | cosine | exponential
  int lr_step_size = 10;
  double lr_gamma = 0.5;
  std::string activation = "relu";
  double dropout = 0.0;
  bool batch_norm = false;
  // mlp
  std::vector<int> units; ///< one entry per hidden layer
  // cnn
  std::vector<int> filters; ///< one entry per conv block
  int kernel_size = 3;
  std::string pooling = "max"; ///< max | avg | none
  int dense_units = 128;
};

/// Reads every hyperparameter `model` (mlp | cnn) needs from `config`. Per-layer
/// units_<i> / filters_<i> win over units / filters. Throws hpsearch::Error naming the
/// hyperparameter when one is missing or of the wrong type.
Hyperparameters read_hyperparameters(const Config& config, std::string_view model);

/// The learning rate of `epoch` (0-based) under the schedule, `progress` in [0, 1) being
/// the position inside the epoch (cosine anneals per batch; the others per epoch).
double scheduled_lr(const Hyperparameters& h, int epoch, double progress, int epochs);

} // namespace hpsearch::train
