#include "hpsearch/train/torch_network.hpp"

#include "hpsearch/arch/architecture_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/shape_text.hpp"

#include <algorithm>
#include <functional>
#include <numeric>
#include <torch/nn/functional.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

namespace hpsearch::train {

namespace {

using arch::Layer;
using arch::LayerKind;

torch::Tensor activate(const torch::Tensor& x, arch::Activation activation) {
  switch (activation) {
  case arch::Activation::none:
    return x;
  case arch::Activation::relu:
    return torch::relu(x);
  case arch::Activation::tanh:
    return torch::tanh(x);
  case arch::Activation::sigmoid:
    return torch::sigmoid(x);
  case arch::Activation::elu:
    return torch::elu(x);
  case arch::Activation::selu:
    return torch::selu(x);
  case arch::Activation::gelu:
    return torch::gelu(x);
  }
  return x;
}

/// The module of a layer with weights, built for its input shape; empty otherwise.
torch::nn::AnyModule make_module(const Layer& layer, const std::vector<std::int64_t>& in) {
  switch (layer.kind) {
  case LayerKind::dense:
    return torch::nn::AnyModule(torch::nn::Linear(in[0], layer.units));
  case LayerKind::conv:
    return torch::nn::AnyModule(
        torch::nn::Conv2d(torch::nn::Conv2dOptions(in[0], layer.units, layer.kernel)
                              .stride(layer.stride)
                              .padding(layer.padding)));
  case LayerKind::batchnorm:
    if (in.size() == 3) return torch::nn::AnyModule(torch::nn::BatchNorm2d(in[0]));
    return torch::nn::AnyModule(torch::nn::BatchNorm1d(in[0]));
  default:
    return {};
  }
}

} // namespace

ArchitectureNetImpl::ArchitectureNetImpl(arch::Network network) : network_(std::move(network)) {
  const auto& layers = network_.layers;
  modules_.resize(layers.size());
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const Layer& layer = layers[i];
    if (layer.shares) {
      modules_[i] = modules_[*layer.shares];
      continue;
    }
    if (layer.inputs.empty()) continue;
    modules_[i] = make_module(layer, layers[layer.inputs[0]].shape);
    if (!modules_[i].is_empty()) {
      // Torch refuses dots in module names; node names hold them ("n3.skip1").
      std::string name = "layer" + std::to_string(i) + "_" + layer.node;
      std::replace(name.begin(), name.end(), '.', '_');
      register_module(name, modules_[i].ptr());
    }
  }
}

std::shared_ptr<torch::nn::Module> ArchitectureNetImpl::weights_of(std::size_t layer) const {
  const torch::nn::AnyModule& module = modules_.at(layer);
  return module.is_empty() ? nullptr : module.ptr();
}

torch::Tensor ArchitectureNetImpl::forward(torch::Tensor x) {
  namespace F = torch::nn::functional;
  const auto& layers = network_.layers;
  std::vector<torch::Tensor> out(layers.size());
  out[0] = std::move(x);
  for (std::size_t i = 1; i < layers.size(); ++i) {
    const Layer& l = layers[i];
    const torch::Tensor& in = out[l.inputs[0]];
    switch (l.kind) {
    case LayerKind::input:
      break;
    case LayerKind::dense:
    case LayerKind::conv:
    case LayerKind::batchnorm:
      out[i] = modules_[i].forward(in);
      break;
    case LayerKind::maxpool:
      out[i] = torch::max_pool2d(in, l.kernel, l.stride, l.padding);
      break;
    case LayerKind::avgpool:
      out[i] = torch::avg_pool2d(in, l.kernel, l.stride, l.padding);
      break;
    case LayerKind::adaptive_avgpool:
      out[i] = torch::adaptive_avg_pool2d(in, {l.units, l.kernel});
      break;
    case LayerKind::dropout:
      out[i] = F::dropout(in, F::DropoutFuncOptions().p(l.rate).training(is_training()));
      break;
    case LayerKind::activation:
      out[i] = activate(in, l.activation);
      break;
    case LayerKind::identity:
      out[i] = in;
      break;
    case LayerKind::zero: {
      torch::Tensor strided = in;
      if (in.dim() == 4 && l.stride > 1) {
        using torch::indexing::Slice;
        strided = in.index({Slice(), Slice(),
                            Slice(torch::indexing::None, torch::indexing::None, l.stride),
                            Slice(torch::indexing::None, torch::indexing::None, l.stride)});
      }
      out[i] = torch::zeros_like(strided);
      break;
    }
    case LayerKind::flatten:
      out[i] = in.flatten(1);
      break;
    case LayerKind::add: {
      torch::Tensor sum = in;
      for (std::size_t k = 1; k < l.inputs.size(); ++k) sum = sum + out[l.inputs[k]];
      out[i] = sum;
      break;
    }
    case LayerKind::concat: {
      std::vector<torch::Tensor> parts;
      for (const std::size_t k : l.inputs) parts.push_back(out[k]);
      out[i] = torch::cat(parts, 1);
      break;
    }
    }
  }
  return out.back();
}

torch::nn::Sequential build_architecture(const arch::Architecture& architecture,
                                         const Config& genes,
                                         const std::vector<std::int64_t>& sample_shape,
                                         std::int64_t classes) {
  const auto count = [](const std::vector<std::int64_t>& s) {
    return std::accumulate(s.begin(), s.end(), std::int64_t{1}, std::multiplies<>());
  };
  const bool same = architecture.input == sample_shape;
  const bool flattened =
      architecture.input.size() == 1 && count(sample_shape) == count(architecture.input);
  if (!same && !flattened) {
    throw Error::input("architecture.input " + hpsearch::shape_text(architecture.input) +
                       " does not match the data's samples " + hpsearch::shape_text(sample_shape));
  }
  if (architecture.outputs != classes) {
    throw Error::input("architecture.outputs " + std::to_string(architecture.outputs) +
                       " does not match the data's " + std::to_string(classes) + " classes");
  }
  torch::nn::Sequential net;
  if (!same) net->push_back(torch::nn::Flatten());
  net->push_back(ArchitectureNet(arch::decode_network(architecture, genes)));
  return net;
}

torch::nn::Sequential build_architecture(const std::string& architecture_text, const Config& genes,
                                         const std::vector<std::int64_t>& sample_shape,
                                         std::int64_t classes) {
  return build_architecture(arch::architecture_from_text(architecture_text), genes, sample_shape,
                            classes);
}

} // namespace hpsearch::train
