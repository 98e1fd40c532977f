#include "hpsearch/arch/genes.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace hpsearch::arch {

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw Error::input("architecture: " + where + ": " + what);
}

bool valid_name(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

void check_op(const std::string& where, const Op& op) {
  if ((op.kind == OpKind::dense || op.kind == OpKind::conv) && op.units < 0) {
    fail(where, "width " + std::to_string(op.units) + " must be positive");
  }
  if (op.kind == OpKind::dense && op.units < 1) fail(where, "dense needs units >= 1");
  if (op.kernel < 1 || op.stride < 1) fail(where, "kernel and stride must be >= 1");
  if (op.kind == OpKind::dropout && !(op.rate >= 0.0 && op.rate < 1.0)) {
    fail(where, "dropout rate must be in [0, 1)");
  }
}

/// Ops are gene values: no two alike within one choice list.
void check_ops(const std::string& where, const std::vector<Op>& ops) {
  std::set<std::string> seen;
  for (const Op& op : ops) {
    check_op(where, op);
    if (!seen.insert(describe(op)).second) {
      fail(where, "the op '" + describe(op) + "' is listed twice");
    }
  }
}

void check_graph(const GraphSpace& graph) {
  if (graph.nodes.empty()) fail("graph", "needs at least one node");
  if (graph.anchors < 0) fail("graph", "skip anchors must be >= 0");
  std::map<std::string, const Node*> earlier;
  for (const Node& node : graph.nodes) {
    const std::string where = "node '" + node.name + "'";
    if (!valid_name(node.name)) fail(where, "a node name is letters, digits and _");
    if (earlier.count(node.name)) fail(where, "the name is used twice");
    switch (node.kind) {
    case NodeKind::variable:
      if (node.ops.empty()) fail(where, "a variable node needs at least one op");
      check_ops(where, node.ops);
      break;
    case NodeKind::constant:
      if (node.ops.size() != 1) fail(where, "a constant node has exactly one op");
      check_ops(where, node.ops);
      break;
    case NodeKind::mirror:
    case NodeKind::mime: {
      const auto it = earlier.find(node.source);
      if (it == earlier.end()) {
        fail(where, "its source '" + node.source + "' is not an earlier node");
      }
      if (node.kind == NodeKind::mime && it->second->kind != NodeKind::variable &&
          it->second->kind != NodeKind::mime) {
        fail(where, "a mime node follows a variable (or mime) node's choice; '" + node.source +
                        "' has none");
      }
      break;
    }
    }
    earlier[node.name] = &node;
  }
}

void check_cells(const CellSpace& cells) {
  if (cells.blocks < 1 || cells.blocks > 16) fail("cells", "blocks must be in [1, 16]");
  if (cells.normal_cells < 0 || cells.reductions < 0 || cells.normal_cells + cells.reductions < 1) {
    fail("cells", "normal_cells and reductions must be >= 0, and not both 0");
  }
  if (cells.filters < 1) fail("cells", "filters must be >= 1");
  if (cells.ops.empty()) fail("cells", "needs at least one op");
  check_ops("cells", cells.ops);
  for (const Op& op : cells.ops) {
    const bool ok = op.kind == OpKind::identity || op.kind == OpKind::zero ||
                    op.kind == OpKind::conv || op.kind == OpKind::maxpool ||
                    op.kind == OpKind::avgpool;
    if (!ok)
      fail("cells",
           "a cell op is identity, zero, conv, maxpool or avgpool; got '" + describe(op) + "'");
    if (op.kind != OpKind::identity && op.kind != OpKind::zero && op.kernel % 2 == 0) {
      fail("cells", "'" + describe(op) + "': a cell op's kernel must be odd (same padding)");
    }
    if (op.stride != 1) fail("cells", "'" + describe(op) + "': cell ops have stride 1");
  }
}

Parameter op_parameter(std::string name, const std::vector<Op>& ops) {
  std::vector<Value> values;
  values.reserve(ops.size());
  for (const Op& op : ops) values.emplace_back(describe(op));
  return Parameter::categorical(std::move(name), std::move(values));
}

} // namespace

bool is_gene_name(std::string_view name) {
  return name.starts_with(kGenePrefix);
}

std::string op_gene(const std::string& node) {
  return std::string(kGenePrefix) + node + ".op";
}

std::string skip_gene(const std::string& node, std::int64_t j) {
  return std::string(kGenePrefix) + node + ".skip" + std::to_string(j);
}

std::string cell_gene(std::string_view cell, std::int64_t block, std::string_view field) {
  return std::string(kGenePrefix) + std::string(cell) + ".b" + std::to_string(block) + "." +
         std::string(field);
}

void check_architecture(const Architecture& architecture) {
  if (architecture.input.empty() || architecture.input.size() > 3 ||
      architecture.input.size() == 2) {
    fail("input", "one sample's shape is [features] or [channels, height, width]");
  }
  for (const std::int64_t d : architecture.input) {
    if (d < 1) fail("input", "every dimension must be >= 1");
  }
  if (architecture.outputs < 1) fail("outputs", "must be >= 1");
  if (architecture.is_graph()) {
    check_graph(architecture.graph());
  } else {
    if (architecture.input.size() != 3) {
      fail("cells", "a cell space needs an image input [channels, height, width]");
    }
    check_cells(architecture.cells());
  }
}

std::vector<Parameter> architecture_genes(const Architecture& architecture) {
  std::vector<Parameter> genes;
  if (architecture.is_graph()) {
    const GraphSpace& graph = architecture.graph();
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
      const Node& node = graph.nodes[i];
      if (node.kind == NodeKind::variable && node.ops.size() > 1) {
        genes.push_back(op_parameter(op_gene(node.name), node.ops));
      }
      const auto candidates = std::min<std::int64_t>(graph.anchors, static_cast<std::int64_t>(i));
      for (std::int64_t j = 1; j <= candidates; ++j) {
        genes.push_back(Parameter::ordinal(skip_gene(node.name, j),
                                           {Value{std::int64_t{0}}, Value{std::int64_t{1}}}));
      }
    }
    return genes;
  }
  const CellSpace& cells = architecture.cells();
  for (const std::string_view cell : {"normal", "reduction"}) {
    if (cell == "normal" && cells.normal_cells == 0) continue;
    if (cell == "reduction" && cells.reductions == 0) continue;
    for (std::int64_t b = 1; b <= cells.blocks; ++b) {
      std::vector<Value> inputs;
      for (std::int64_t k = 0; k <= b; ++k) inputs.emplace_back(k);
      for (const std::string_view side : {"1", "2"}) {
        genes.push_back(
            Parameter::categorical(cell_gene(cell, b, "in" + std::string(side)), inputs));
        if (cells.ops.size() > 1) {
          genes.push_back(op_parameter(cell_gene(cell, b, "op" + std::string(side)), cells.ops));
        }
      }
    }
  }
  return genes;
}

} // namespace hpsearch::arch
