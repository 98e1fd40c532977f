#pragma once
// Optimisers from hyperparameters (sgd with momentum/nesterov, adam, adamw, rmsprop,
// adagrad) and the learning rate a schedule sets. (Torch inside.)
#include "hpsearch/train/hyperparameters.hpp"

#include <memory>
#include <torch/optim/optimizer.h>
#include <vector>

namespace hpsearch::train {

/// Throws hpsearch::Error for an unknown optimiser name.
std::unique_ptr<torch::optim::Optimizer> make_optimizer(const Hyperparameters& h,
                                                        std::vector<torch::Tensor> parameters);

/// Sets the learning rate of every parameter group.
void set_lr(torch::optim::Optimizer& optimizer, double lr);

} // namespace hpsearch::train
