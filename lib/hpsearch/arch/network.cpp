#include "hpsearch/arch/network.hpp"

#include "hpsearch/arch/genes.hpp"
#include "hpsearch/arch/layer_graph.hpp"
#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <map>

namespace hpsearch::arch {

namespace {

/// The index among `ops` the gene `name` chose; 0 when the gene is absent.
std::size_t chosen_op(const Config& config, const std::string& name, const std::vector<Op>& ops) {
  const Value* value = config.find(name);
  if (value == nullptr) return 0;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    if (std::holds_alternative<std::string>(*value) &&
        std::get<std::string>(*value) == describe(ops[i])) {
      return i;
    }
  }
  throw Error::input("gene " + name + ": '" + hpsearch::to_string(*value) +
                     "' is not one of its ops");
}

/// The integer gene `name` (0 when absent), checked to lie in [0, high].
std::int64_t chosen_index(const Config& config, const std::string& name, std::int64_t high) {
  const Value* value = config.find(name);
  if (value == nullptr) return 0;
  const auto* i = std::get_if<std::int64_t>(value);
  if (i == nullptr || *i < 0 || *i > high) {
    throw Error::input("gene " + name + ": " + hpsearch::to_string(*value) +
                       " is not an integer in [0, " + std::to_string(high) + "]");
  }
  return *i;
}

Network decode_graph(const Architecture& architecture, const Config& config) {
  const GraphSpace& graph = architecture.graph();
  LayerGraph net(architecture.input);
  std::vector<std::size_t> outputs = {0};
  std::map<std::string, std::size_t> index_of_node;
  std::vector<std::size_t> choice(graph.nodes.size(), 0);
  std::vector<const Op*> op_of(graph.nodes.size(), nullptr);
  std::vector<std::vector<std::size_t>> weights_of(graph.nodes.size());
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    const Node& node = graph.nodes[i];
    const std::size_t x = outputs.back();
    std::size_t y = 0;
    if (node.kind == NodeKind::mirror) {
      const std::size_t source = index_of_node.at(node.source);
      op_of[i] = op_of[source];
      y = net.op(*op_of[i], x, node.name, &weights_of[source], weights_of[i]);
    } else {
      const std::vector<Op>* ops = &node.ops;
      if (node.kind == NodeKind::variable) {
        choice[i] = chosen_op(config, op_gene(node.name), node.ops);
      } else if (node.kind == NodeKind::mime) {
        const std::size_t source = index_of_node.at(node.source);
        choice[i] = choice[source];
        // A mime takes its (variable) source's op list; a chain of mimes ends at one.
        std::size_t root = source;
        while (graph.nodes[root].kind == NodeKind::mime) {
          root = index_of_node.at(graph.nodes[root].source);
        }
        ops = &graph.nodes[root].ops;
      }
      op_of[i] = &(*ops)[choice[i]];
      y = net.op(*op_of[i], x, node.name, nullptr, weights_of[i]);
    }
    std::vector<std::size_t> merged = {y};
    const auto candidates = std::min<std::int64_t>(graph.anchors, static_cast<std::int64_t>(i));
    for (std::int64_t j = 1; j <= candidates; ++j) {
      if (chosen_index(config, skip_gene(node.name, j), 1) == 1) {
        merged.push_back(outputs[i - static_cast<std::size_t>(j)]);
      }
    }
    if (merged.size() > 1) y = net.merge(merged, graph.merge, node.name);
    outputs.push_back(y);
    index_of_node[node.name] = i;
  }
  net.head(outputs.back(), architecture.outputs, false);
  return net.finish();
}

/// A cell op applied at `stride`, keeping `channels`.
std::size_t cell_op(LayerGraph& net, const Op& op, std::size_t x, std::int64_t stride,
                    std::int64_t channels, const std::string& name) {
  Op concrete = op;
  concrete.stride = stride;
  if (op.kind == OpKind::identity && stride > 1) {
    concrete = Op{};
    concrete.kind = OpKind::conv;
    concrete.units = channels;
    concrete.stride = stride;
  } else if (op.kind == OpKind::conv) {
    concrete.units = channels;
  }
  std::vector<std::size_t> unused;
  return net.op(concrete, x, name, nullptr, unused, /*same_padding=*/true);
}

std::size_t cell(LayerGraph& net, const Architecture& architecture, const Config& config,
                 bool reduce, std::int64_t number, std::int64_t channels, std::size_t prev2,
                 std::size_t prev1) {
  const CellSpace& cells = architecture.cells();
  const std::string_view kind = reduce ? "reduction" : "normal";
  const std::string name = std::string(kind) + std::to_string(number);
  std::vector<std::size_t> states = {
      net.conv1x1(net.resize_to(prev2, prev1, name + ".pre0"), channels, name + ".pre0"),
      net.conv1x1(prev1, channels, name + ".pre1")};
  std::vector<std::size_t> blocks;
  for (std::int64_t b = 1; b <= cells.blocks; ++b) {
    std::vector<std::size_t> sides;
    for (const std::string side : {"1", "2"}) {
      const std::int64_t in = chosen_index(config, cell_gene(kind, b, "in" + side), b);
      const std::size_t op = chosen_op(config, cell_gene(kind, b, "op" + side), cells.ops);
      const std::int64_t stride = reduce && in < 2 ? 2 : 1;
      sides.push_back(cell_op(net, cells.ops[op], states[static_cast<std::size_t>(in)], stride,
                              channels, name + ".b" + std::to_string(b) + ".op" + side));
    }
    const std::size_t block =
        net.add_layer(make_layer(name + ".b" + std::to_string(b), LayerKind::add, sides));
    states.push_back(block);
    blocks.push_back(block);
  }
  if (blocks.size() == 1) return blocks.front();
  const std::size_t joined = net.add_layer(make_layer(name + ".out", LayerKind::concat, blocks));
  return net.conv1x1(joined, channels, name + ".out");
}

Network decode_cells(const Architecture& architecture, const Config& config) {
  const CellSpace& cells = architecture.cells();
  LayerGraph net(architecture.input);
  std::int64_t channels = cells.filters;
  // The stem: conv 3x3 -> batch norm -> relu.
  std::size_t stem = net.add_layer(make_layer("stem", LayerKind::conv, {0}, channels, 3, 1, 1));
  stem = net.add_layer(make_layer("stem", LayerKind::batchnorm, {stem}));
  Layer relu = make_layer("stem", LayerKind::activation, {stem});
  relu.activation = Activation::relu;
  stem = net.add_layer(std::move(relu));
  std::size_t prev2 = stem;
  std::size_t prev1 = stem;
  std::int64_t normal = 0;
  std::int64_t reduction = 0;
  for (std::int64_t r = 0; r <= cells.reductions; ++r) {
    for (std::int64_t n = 0; n < cells.normal_cells; ++n) {
      const std::size_t out =
          cell(net, architecture, config, false, ++normal, channels, prev2, prev1);
      prev2 = prev1;
      prev1 = out;
    }
    if (r == cells.reductions) break;
    channels *= 2;
    const std::size_t out =
        cell(net, architecture, config, true, ++reduction, channels, prev2, prev1);
    prev2 = prev1;
    prev1 = out;
  }
  net.head(prev1, architecture.outputs, true);
  return net.finish();
}

} // namespace

Network decode_network(const Architecture& architecture, const Config& config) {
  return architecture.is_graph() ? decode_graph(architecture, config)
                                 : decode_cells(architecture, config);
}

std::string describe(const Network& network) {
  std::string out;
  for (std::size_t i = 0; i < network.layers.size(); ++i) {
    const Layer& l = network.layers[i];
    out += std::to_string(i) + " " + l.node + " " + std::string(to_string(l.kind));
    if (l.kind == LayerKind::dense || l.kind == LayerKind::conv) {
      out += " " + std::to_string(l.units);
    }
    if (l.kind == LayerKind::conv || l.kind == LayerKind::maxpool || l.kind == LayerKind::avgpool) {
      out += " " + std::to_string(l.kernel) + "x" + std::to_string(l.kernel) + " s" +
             std::to_string(l.stride);
    }
    if (l.kind == LayerKind::activation) out += " " + std::string(to_string(l.activation));
    if (!l.inputs.empty()) {
      out += " <-";
      for (const std::size_t in : l.inputs) out += " " + std::to_string(in);
    }
    out += " -> [";
    for (std::size_t d = 0; d < l.shape.size(); ++d) {
      out += (d ? ", " : "") + std::to_string(l.shape[d]);
    }
    out += "]";
    if (l.shares) out += " shares " + std::to_string(*l.shares);
    if (l.parameters > 0) out += " " + std::to_string(l.parameters) + " params";
    out += "\n";
  }
  return out;
}

} // namespace hpsearch::arch
