#pragma once
// LayerGraph: appends primitive layers to a Network, inferring each one's output shape and
// parameter count (network.hpp gives the rules), and lowers ops, merges and heads into
// layers. Every failure is an hpsearch::Error (bad input) naming the layer's node.
// Internal to the arch module (network.cpp decodes genes with it).
#include "hpsearch/arch/network.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hpsearch::arch {

/// A layer of `kind` for `node` reading `inputs`, with its geometry; the rest default.
Layer make_layer(std::string node, LayerKind kind, std::vector<std::size_t> inputs,
                 std::int64_t units = 0, std::int64_t kernel = 1, std::int64_t stride = 1,
                 std::int64_t padding = 0);

class LayerGraph {
public:
  explicit LayerGraph(const std::vector<std::int64_t>& input);

  /// Appends `layer` (shape, parameters and flops are computed) and returns its index.
  std::size_t add_layer(Layer layer);
  const std::vector<std::int64_t>& shape(std::size_t layer) const {
    return network_.layers[layer].shape;
  }

  /// The layers of `op` applied to `x`: dense flattens an image first and is followed by its
  /// activation, as is conv. Pooling has stride = kernel and no padding unless
  /// `same_padding` (then padding kernel / 2 and the op's stride). The indices of the layers
  /// holding weights are appended to `weights`; with `shares`, those layers use the weights
  /// of shares[k] instead (mirror), which must fit.
  std::size_t op(const Op& op, std::size_t x, const std::string& node,
                 const std::vector<std::size_t>* shares, std::vector<std::size_t>& weights,
                 bool same_padding = false);
  /// Joins `xs` (xs[0] the node's own output): add projects each other input onto xs[0]'s
  /// shape (adaptive average pooling for another height and width, a 1x1 conv or a dense
  /// layer for another width); concat pools to xs[0]'s height and width. Either flattens
  /// every input when images meet flat inputs.
  std::size_t merge(std::vector<std::size_t> xs, Merge merge, const std::string& node);
  std::size_t conv1x1(std::size_t x, std::int64_t channels, const std::string& node);
  /// `x` pooled to `like`'s height and width when they differ, else `x`.
  std::size_t resize_to(std::size_t x, std::size_t like, const std::string& node);
  /// [global average pooling,] flatten (images only), dense to `outputs`.
  std::size_t head(std::size_t x, std::int64_t outputs, bool global_pool);

  Network finish();

private:
  std::size_t flat(std::size_t x, const std::string& node);

  Network network_;
};

} // namespace hpsearch::arch
