#include "hpsearch/train/torch_optimizer.hpp"

#include "hpsearch/core/error.hpp"

#include <torch/optim/adagrad.h>
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/rmsprop.h>
#include <torch/optim/sgd.h>

namespace hpsearch::train {

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const Hyperparameters& h,
                                                        std::vector<torch::Tensor> parameters) {
  namespace optim = torch::optim;
  if (h.optimizer == "sgd") {
    // Nesterov momentum needs momentum > 0; with none it is plain SGD.
    const bool nesterov = h.nesterov && h.momentum > 0.0;
    return std::make_unique<optim::SGD>(std::move(parameters), optim::SGDOptions(h.lr)
                                                                   .momentum(h.momentum)
                                                                   .nesterov(nesterov)
                                                                   .weight_decay(h.weight_decay));
  }
  if (h.optimizer == "adam") {
    return std::make_unique<optim::Adam>(std::move(parameters),
                                         optim::AdamOptions(h.lr).weight_decay(h.weight_decay));
  }
  if (h.optimizer == "adamw") {
    return std::make_unique<optim::AdamW>(std::move(parameters),
                                          optim::AdamWOptions(h.lr).weight_decay(h.weight_decay));
  }
  if (h.optimizer == "rmsprop") {
    return std::make_unique<optim::RMSprop>(
        std::move(parameters),
        optim::RMSpropOptions(h.lr).momentum(h.momentum).weight_decay(h.weight_decay));
  }
  if (h.optimizer == "adagrad") {
    return std::make_unique<optim::Adagrad>(
        std::move(parameters), optim::AdagradOptions(h.lr).weight_decay(h.weight_decay));
  }
  throw Error::input("torch trainer: unknown optimizer '" + h.optimizer +
                     "' (expected sgd, adam, adamw, rmsprop or adagrad)");
}

void set_lr(torch::optim::Optimizer& optimizer, double lr) {
  for (auto& group : optimizer.param_groups()) group.options().set_lr(lr);
}

} // namespace hpsearch::train
