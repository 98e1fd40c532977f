#include "hpsearch/arch/layer_graph.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/core/shape_text.hpp"

#include <functional>
#include <numeric>

namespace hpsearch::arch {

namespace {

[[noreturn]] void unbuildable(const Layer& layer, const std::string& what) {
  throw Error::input("node '" + layer.node + "': " + what);
}

std::int64_t pooled(const Layer& layer, std::int64_t size) {
  if (size + 2 * layer.padding < layer.kernel) {
    unbuildable(layer, std::string(to_string(layer.kind)) + " " + std::to_string(layer.kernel) +
                           " shrinks a " + std::to_string(size) + "-wide input below 1x1");
  }
  return (size + 2 * layer.padding - layer.kernel) / layer.stride + 1;
}

bool is_image(const std::vector<std::int64_t>& shape) {
  return shape.size() == 3;
}

} // namespace

Layer make_layer(std::string node, LayerKind kind, std::vector<std::size_t> inputs,
                 std::int64_t units, std::int64_t kernel, std::int64_t stride,
                 std::int64_t padding) {
  Layer layer;
  layer.node = std::move(node);
  layer.kind = kind;
  layer.inputs = std::move(inputs);
  layer.units = units;
  layer.kernel = kernel;
  layer.stride = stride;
  layer.padding = padding;
  return layer;
}

std::string_view to_string(LayerKind kind) {
  static constexpr std::string_view names[] = {
      "input",     "dense",   "conv",       "maxpool",  "avgpool", "adaptive_avgpool",
      "batchnorm", "dropout", "activation", "identity", "zero",    "flatten",
      "add",       "concat"};
  return names[static_cast<std::size_t>(kind)];
}

LayerGraph::LayerGraph(const std::vector<std::int64_t>& input) {
  Layer first = make_layer("input", LayerKind::input, {});
  first.shape = input;
  network_.layers.push_back(std::move(first));
}

std::size_t LayerGraph::add_layer(Layer layer) {
  const std::vector<std::int64_t>& in = network_.layers.at(layer.inputs.at(0)).shape;
  const auto own = [&](std::int64_t parameters) { return layer.shares ? 0 : parameters; };
  switch (layer.kind) {
  case LayerKind::input:
    throw Error::internal("LayerGraph: a second input layer");
  case LayerKind::dense:
    if (in.size() != 1) {
      unbuildable(layer, "dense needs a flat input, got " + shape_text_compact(in));
    }
    layer.shape = {layer.units};
    layer.parameters = own(in[0] * layer.units + layer.units);
    layer.flops = in[0] * layer.units;
    break;
  case LayerKind::conv: {
    if (!is_image(in)) {
      unbuildable(layer, "conv needs an image input (channels x height x width), got " +
                             shape_text_compact(in));
    }
    const std::int64_t h = pooled(layer, in[1]);
    const std::int64_t w = pooled(layer, in[2]);
    layer.shape = {layer.units, h, w};
    const std::int64_t weights = in[0] * layer.units * layer.kernel * layer.kernel;
    layer.parameters = own(weights + layer.units);
    layer.flops = weights * h * w;
    break;
  }
  case LayerKind::maxpool:
  case LayerKind::avgpool:
    if (!is_image(in)) {
      unbuildable(layer, std::string(to_string(layer.kind)) + " needs an image input, got " +
                             shape_text_compact(in));
    }
    layer.shape = {in[0], pooled(layer, in[1]), pooled(layer, in[2])};
    break;
  case LayerKind::adaptive_avgpool:
    if (!is_image(in)) {
      unbuildable(layer, "pooling needs an image input, got " + shape_text_compact(in));
    }
    layer.shape = {in[0], layer.units, layer.kernel};
    break;
  case LayerKind::batchnorm:
    layer.shape = in;
    layer.parameters = own(2 * in[0]);
    break;
  case LayerKind::zero:
    layer.shape = in;
    if (is_image(in)) {
      layer.shape[1] = (in[1] + layer.stride - 1) / layer.stride;
      layer.shape[2] = (in[2] + layer.stride - 1) / layer.stride;
    }
    break;
  case LayerKind::flatten:
    layer.shape = {std::accumulate(in.begin(), in.end(), std::int64_t{1}, std::multiplies<>())};
    break;
  case LayerKind::add:
    for (const std::size_t i : layer.inputs) {
      if (network_.layers[i].shape != in) {
        unbuildable(layer, "add of " + shape_text_compact(in) + " and " +
                               shape_text_compact(network_.layers[i].shape));
      }
    }
    layer.shape = in;
    break;
  case LayerKind::concat:
    layer.shape = in;
    layer.shape[0] = 0;
    for (const std::size_t i : layer.inputs) {
      const auto& s = network_.layers[i].shape;
      if (s.size() != in.size() || !std::equal(s.begin() + 1, s.end(), in.begin() + 1)) {
        unbuildable(layer, "concat of " + shape_text_compact(in) + " and " + shape_text_compact(s));
      }
      layer.shape[0] += s[0];
    }
    break;
  case LayerKind::dropout:
  case LayerKind::activation:
  case LayerKind::identity:
    layer.shape = in;
    break;
  }
  network_.parameters += layer.parameters;
  network_.flops += layer.flops;
  network_.layers.push_back(std::move(layer));
  return network_.layers.size() - 1;
}

std::size_t LayerGraph::flat(std::size_t x, const std::string& node) {
  if (!is_image(shape(x))) return x;
  return add_layer(make_layer(node, LayerKind::flatten, {x}));
}

std::size_t LayerGraph::op(const Op& op, std::size_t x, const std::string& node,
                           const std::vector<std::size_t>* shares,
                           std::vector<std::size_t>& weights, bool same_padding) {
  // A weighted layer: shares the next of `shares`' layers, checked to fit.
  const auto weighted = [&](Layer layer) {
    if (shares != nullptr) {
      const std::size_t k = weights.size();
      if (k >= shares->size()) throw Error::internal("mirror: the source has fewer weights");
      const Layer& source = network_.layers[(*shares)[k]];
      const auto& mine = shape(layer.inputs[0]);
      const auto& theirs = shape(source.inputs[0]);
      if (mine.size() != theirs.size() || mine[0] != theirs[0]) {
        unbuildable(layer, "a mirror's input " + shape_text_compact(mine) +
                               " does not fit the weights of '" + source.node + "' (input " +
                               shape_text_compact(theirs) + ")");
      }
      layer.shares = source.shares ? *source.shares : (*shares)[k]; // the weights' owner
    }
    const std::size_t i = add_layer(std::move(layer));
    weights.push_back(i);
    return i;
  };
  const auto activated = [&](std::size_t y) {
    if (op.activation == Activation::none) return y;
    Layer layer = make_layer(node, LayerKind::activation, {y});
    layer.activation = op.activation;
    return add_layer(std::move(layer));
  };
  switch (op.kind) {
  case OpKind::identity:
    return add_layer(make_layer(node, LayerKind::identity, {x}));
  case OpKind::zero:
    return add_layer(make_layer(node, LayerKind::zero, {x}, 0, 1, op.stride));
  case OpKind::dense:
    return activated(weighted(make_layer(node, LayerKind::dense, {flat(x, node)}, op.units)));
  case OpKind::conv:
    return activated(weighted(
        make_layer(node, LayerKind::conv, {x}, op.units, op.kernel, op.stride, op.kernel / 2)));
  case OpKind::maxpool:
  case OpKind::avgpool:
    return add_layer(make_layer(
        node, op.kind == OpKind::maxpool ? LayerKind::maxpool : LayerKind::avgpool, {x}, 0,
        op.kernel, same_padding ? op.stride : op.kernel, same_padding ? op.kernel / 2 : 0));
  case OpKind::batchnorm:
    return weighted(make_layer(node, LayerKind::batchnorm, {x}));
  case OpKind::dropout: {
    Layer layer = make_layer(node, LayerKind::dropout, {x});
    layer.rate = op.rate;
    return add_layer(std::move(layer));
  }
  case OpKind::flatten:
    return add_layer(make_layer(node, LayerKind::flatten, {x}));
  }
  throw Error::internal("LayerGraph::op: unknown op kind");
}

std::size_t LayerGraph::conv1x1(std::size_t x, std::int64_t channels, const std::string& node) {
  return add_layer(make_layer(node, LayerKind::conv, {x}, channels));
}

std::size_t LayerGraph::resize_to(std::size_t x, std::size_t like, const std::string& node) {
  const auto& s = shape(x);
  const auto& target = shape(like);
  if (!is_image(s) || !is_image(target) || (s[1] == target[1] && s[2] == target[2])) return x;
  return add_layer(make_layer(node, LayerKind::adaptive_avgpool, {x}, target[1], target[2]));
}

std::size_t LayerGraph::merge(std::vector<std::size_t> xs, Merge merge, const std::string& node) {
  bool images = false;
  bool flats = false;
  for (const std::size_t x : xs) (is_image(shape(x)) ? images : flats) = true;
  if (images && flats) {
    for (std::size_t& x : xs) x = flat(x, node);
  }
  for (std::size_t k = 1; k < xs.size(); ++k) {
    const std::string skip = node + ".skip" + std::to_string(k);
    xs[k] = resize_to(xs[k], xs[0], skip);
    if (merge == Merge::concat || shape(xs[k])[0] == shape(xs[0])[0]) continue;
    xs[k] = is_image(shape(xs[0]))
                ? conv1x1(xs[k], shape(xs[0])[0], skip)
                : add_layer(make_layer(skip, LayerKind::dense, {xs[k]}, shape(xs[0])[0]));
  }
  return add_layer(
      make_layer(node + ".merge", merge == Merge::add ? LayerKind::add : LayerKind::concat, xs));
}

std::size_t LayerGraph::head(std::size_t x, std::int64_t outputs, bool global_pool) {
  if (global_pool && is_image(shape(x))) {
    x = add_layer(make_layer("head", LayerKind::adaptive_avgpool, {x}, 1, 1));
  }
  return add_layer(make_layer("head", LayerKind::dense, {flat(x, "head")}, outputs));
}

Network LayerGraph::finish() {
  return std::move(network_);
}

} // namespace hpsearch::arch
