#pragma once
// The network an architecture space's genes choose, as a torch module (issue 18): the genes
// are decoded torch-free (arch/network.hpp: primitive layers in topological order, shapes
// inferred, projections inserted), then each layer becomes one module or function here.
// Mirror layers use their source's module (the same parameter tensors); every other layer
// owns its own. (Torch inside.)
#include "hpsearch/arch/architecture.hpp"
#include "hpsearch/arch/network.hpp"
#include "hpsearch/core/config.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/any.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>
#include <vector>

namespace hpsearch::train {

class ArchitectureNetImpl : public torch::nn::Module {
public:
  explicit ArchitectureNetImpl(arch::Network network);

  /// x: a batch of samples of the network's input shape; returns [batch, outputs].
  torch::Tensor forward(torch::Tensor x);

  const arch::Network& network() const { return network_; }
  /// The module holding layer `layer`'s weights (its owner's for a mirror layer), or null
  /// for a layer without weights.
  std::shared_ptr<torch::nn::Module> weights_of(std::size_t layer) const;

private:
  arch::Network network_;
  std::vector<torch::nn::AnyModule> modules_; ///< per layer; empty without weights
};
TORCH_MODULE(ArchitectureNet);

/// The network `genes` choose in `architecture`, for samples of `sample_shape` and `classes`
/// classes: a flat declared input takes images of as many values (flattened first). Throws
/// hpsearch::Error (bad input) naming the node when the network cannot be built, or when the
/// declared input or outputs do not match the data.
torch::nn::Sequential build_architecture(const arch::Architecture& architecture,
                                         const Config& genes,
                                         const std::vector<std::int64_t>& sample_shape,
                                         std::int64_t classes);
/// The same from TrainerOptions::architecture's text (arch/architecture_text.hpp).
torch::nn::Sequential build_architecture(const std::string& architecture_text, const Config& genes,
                                         const std::vector<std::int64_t>& sample_shape,
                                         std::int64_t classes);

} // namespace hpsearch::train
