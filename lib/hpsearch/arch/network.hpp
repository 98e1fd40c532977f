#pragma once
// Network: one concrete network of an architecture space, decoded from chosen genes, as a
// list of primitive layers in topological order with every layer's output shape and
// trainable parameter count inferred (torch-free). train's builder maps each layer to a
// torch module one to one; `validate` counts parameters with it.
//
// Layer semantics (shapes are one sample's, {features} or {C, H, W}):
//   input       the network input
//   dense       Linear(in, units)                       needs {features}
//   conv        Conv2d(C, units, kernel, stride, padding = kernel / 2)
//   maxpool / avgpool  kernel, stride, padding: floor((H + 2p - k) / s) + 1 per side, >= 1
//   adaptive_avgpool   to {C, units, units}
//   batchnorm   BatchNorm1d or 2d over the first dimension
//   dropout, activation, identity   same shape
//   zero        zeros of the input shape subsampled by `stride` (ceil(H / stride))
//   flatten     {product}
//   add         the sum of its inputs (all of one shape)
//   concat      joins its inputs along the first dimension (same H and W)
// A layer with `shares` set uses that earlier layer's weights (mirror nodes) and owns none.
#include "hpsearch/arch/architecture.hpp"
#include "hpsearch/core/config.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hpsearch::arch {

enum class LayerKind {
  input,
  dense,
  conv,
  maxpool,
  avgpool,
  adaptive_avgpool,
  batchnorm,
  dropout,
  activation,
  identity,
  zero,
  flatten,
  add,
  concat
};

std::string_view to_string(LayerKind kind);

struct Layer {
  std::string node; ///< what it was built for: "n3", "n3.skip2", "normal1.b2.op1", "head"
  LayerKind kind = LayerKind::identity;
  std::int64_t units = 0; ///< dense width, conv filters, adaptive pool's output size
  std::int64_t kernel = 1;
  std::int64_t stride = 1;
  std::int64_t padding = 0;
  double rate = 0.0;                        ///< dropout
  Activation activation = Activation::none; ///< activation
  std::vector<std::size_t> inputs;          ///< earlier layers' indices
  std::optional<std::size_t> shares;        ///< mirror: the layer whose weights it uses
  std::vector<std::int64_t> shape;          ///< output shape (one sample)
  std::int64_t parameters = 0;              ///< trainable parameters it owns
  std::int64_t flops = 0;                   ///< multiply-adds per sample (dense, conv)
};

struct Network {
  std::vector<Layer> layers; ///< layers[0] is the input; the last is the output
  std::int64_t parameters = 0;
  std::int64_t flops = 0;
};

/// The network the genes in `config` choose (other entries are ignored; a gene absent from
/// `config` takes its first value). Throws hpsearch::Error (bad input) naming the node when
/// the network cannot be built: a pooling that shrinks below 1x1, a conv on a flat input, a
/// mirror whose input does not fit its source's weights, a gene value not in the space.
Network decode_network(const Architecture& architecture, const Config& config);

/// One line per layer: "12 n3 dense 64 <- 11 -> [64] 4160 params".
std::string describe(const Network& network);

} // namespace hpsearch::arch
