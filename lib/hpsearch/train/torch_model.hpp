#pragma once
// Networks built from hyperparameters: `model: mlp` and `model: cnn`. (Torch inside.)
#include "hpsearch/train/hyperparameters.hpp"

#include <cstdint>
#include <torch/nn/modules/container/sequential.h>
#include <vector>

namespace hpsearch::train {

/// Flatten, then per hidden layer Linear -> [BatchNorm1d] -> activation -> [Dropout], then
/// Linear to the classes. `sample_shape` is one example's shape.
torch::nn::Sequential build_mlp(const Hyperparameters& h,
                                const std::vector<std::int64_t>& sample_shape,
                                std::int64_t classes);

/// Per block Conv2d (same padding) -> [BatchNorm2d] -> activation -> pooling (2x2, while the
/// image is at least 2x2), then a dense head: Linear -> [BatchNorm1d] -> activation ->
/// [Dropout] -> Linear. Needs image samples: {C, H, W} or {H, W}; throws hpsearch::Error
/// for tables.
torch::nn::Sequential build_cnn(const Hyperparameters& h,
                                const std::vector<std::int64_t>& sample_shape,
                                std::int64_t classes);

} // namespace hpsearch::train
