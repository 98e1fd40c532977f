#include "hpsearch/train/torch_model.hpp"

#include "hpsearch/core/error.hpp"

#include <numeric>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/pooling.h>

namespace hpsearch::train {

namespace {

void add_activation(torch::nn::Sequential& net, const std::string& name) {
  if (name == "relu") return net->push_back(torch::nn::ReLU());
  if (name == "tanh") return net->push_back(torch::nn::Tanh());
  if (name == "elu") return net->push_back(torch::nn::ELU());
  if (name == "gelu") return net->push_back(torch::nn::GELU());
  if (name == "leaky_relu") return net->push_back(torch::nn::LeakyReLU());
  if (name == "selu") return net->push_back(torch::nn::SELU());
  if (name == "sigmoid") return net->push_back(torch::nn::Sigmoid());
  throw Error::input("torch trainer: unknown activation '" + name +
                     "' (expected relu, tanh, elu, gelu, leaky_relu, selu or sigmoid)");
}

/// Linear -> [BatchNorm1d] -> activation -> [Dropout]: one hidden layer.
void add_dense(torch::nn::Sequential& net, const Hyperparameters& h, std::int64_t in,
               std::int64_t out) {
  net->push_back(torch::nn::Linear(in, out));
  if (h.batch_norm) net->push_back(torch::nn::BatchNorm1d(out));
  add_activation(net, h.activation);
  if (h.dropout > 0.0) net->push_back(torch::nn::Dropout(h.dropout));
}

std::int64_t product(const std::vector<std::int64_t>& shape) {
  return std::accumulate(shape.begin(), shape.end(), std::int64_t{1}, std::multiplies<>());
}

} // namespace

torch::nn::Sequential build_mlp(const Hyperparameters& h,
                                const std::vector<std::int64_t>& sample_shape,
                                std::int64_t classes) {
  torch::nn::Sequential net;
  net->push_back(torch::nn::Flatten());
  std::int64_t in = product(sample_shape);
  for (const int units : h.units) {
    add_dense(net, h, in, units);
    in = units;
  }
  net->push_back(torch::nn::Linear(in, classes));
  return net;
}

torch::nn::Sequential build_cnn(const Hyperparameters& h,
                                const std::vector<std::int64_t>& sample_shape,
                                std::int64_t classes) {
  if (sample_shape.size() != 2 && sample_shape.size() != 3) {
    throw Error::input(
        "torch trainer: model cnn needs images (X of shape [N, C, H, W] or [N, H, W]); "
        "this data has samples of " +
        std::to_string(sample_shape.size()) + " dimension(s): use model mlp");
  }
  std::int64_t channels = sample_shape.size() == 3 ? sample_shape[0] : 1;
  std::int64_t height = sample_shape[sample_shape.size() - 2];
  std::int64_t width = sample_shape.back();
  torch::nn::Sequential net;
  if (sample_shape.size() == 2) {
    net->push_back(torch::nn::Unflatten(torch::nn::UnflattenOptions(1, {1, height})));
  }
  for (const int filters : h.filters) {
    net->push_back(torch::nn::Conv2d(
        torch::nn::Conv2dOptions(channels, filters, h.kernel_size).padding(h.kernel_size / 2)));
    // Same padding keeps H and W for odd kernels; an even kernel adds one.
    const std::int64_t grow = h.kernel_size % 2 == 0 ? 1 : 0;
    height += grow;
    width += grow;
    channels = filters;
    if (h.batch_norm) net->push_back(torch::nn::BatchNorm2d(filters));
    add_activation(net, h.activation);
    if (h.pooling != "none" && height >= 2 && width >= 2) {
      if (h.pooling == "max") {
        net->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2)));
      } else if (h.pooling == "avg") {
        net->push_back(torch::nn::AvgPool2d(torch::nn::AvgPool2dOptions(2)));
      } else {
        throw Error::input("torch trainer: unknown pooling '" + h.pooling +
                           "' (expected max, avg or none)");
      }
      height /= 2;
      width /= 2;
    }
  }
  net->push_back(torch::nn::Flatten());
  add_dense(net, h, channels * height * width, h.dense_units);
  net->push_back(torch::nn::Linear(h.dense_units, classes));
  return net;
}

} // namespace hpsearch::train
