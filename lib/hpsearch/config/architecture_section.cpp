// `architecture:` — an architecture space beside `space:` (issue 18), parsed into
// arch::Architecture; its genes (arch.* parameters) are appended to the space so that every
// strategy searches them with the hyperparameters.
//
//   architecture:
//     input: [1, 28, 28]     # one sample's shape: [features] or [channels, height, width]
//     outputs: 10            # the head's width
//     graph:                 # or cells: (below)
//       skip: {anchors: 3, merge: add}            # optional; merge add | concat
//       nodes:
//         - {name: n, repeat: 10, variable: [identity, {dense: {units: [16, 32], activation: [relu,
//         tanh]}}]}
//         - {name: out, constant: {dense: {units: 32}}}
//         - {name: m, mirror: n1}                 # or mime: n1
//     cells: {blocks: 3, normal_cells: 2, reductions: 2, filters: 16,
//             ops: [identity, zero, {conv: {kernel: [3, 5]}}, {maxpool: {kernel: 3}}]}
// An op is identity, zero, batchnorm or flatten, or a one-key map: dense {units,
// activation: relu}, conv {filters, kernel: 3, stride: 1, activation: relu} (no filters in
// cells), maxpool / avgpool {kernel: 2}, dropout {rate}. A list as any op field's value
// stands for every value (the ops of every combination).
#include "hpsearch/arch/architecture_text.hpp"
#include "hpsearch/arch/genes.hpp"
#include "hpsearch/config/sections.hpp"
#include "hpsearch/config/yaml_scalar.hpp"
#include "hpsearch/core/error.hpp"

#include <array>
#include <functional>

namespace hpsearch::detail {

namespace {

using arch::Op;
using arch::OpKind;

constexpr std::string_view op_expected =
    "identity, zero, batchnorm, flatten, or a map {dense|conv|maxpool|avgpool|dropout: {...}}";

constexpr std::array<std::string_view, 7> activation_names = {"linear", "relu", "tanh", "sigmoid",
                                                              "elu",    "selu", "gelu"};

arch::Activation read_activation(const Field& field) {
  const std::string name = read_choice(field, activation_names, "activation");
  for (std::size_t i = 0; i < activation_names.size(); ++i) {
    if (activation_names[i] == name) return static_cast<arch::Activation>(i);
  }
  return arch::Activation::none;
}

/// The values of an op field: a scalar, or a list standing for each of its items.
std::vector<Field> field_values(const Field& field) {
  if (!field.node().IsSequence()) return {field};
  if (field.node().size() == 0) field.fail("an empty list", "at least one value");
  std::vector<Field> values;
  for (std::size_t i = 0; i < field.node().size(); ++i) {
    values.push_back(field.child(field.node()[i], std::to_string(i)));
  }
  return values;
}

/// How one field sets an op.
using Setter = std::function<void(const Field&, Op&)>;

std::int64_t positive(const Field& field, std::string_view what) {
  const std::int64_t n = read_integer(field, what);
  if (n < 1) field.fail("must be >= 1", what);
  return n;
}

/// `base` with every combination of the listed fields' values.
std::vector<Op> expand(const MapReader& map, const Op& base,
                       const std::vector<std::pair<std::string_view, Setter>>& setters) {
  std::vector<Op> ops = {base};
  for (const auto& [key, set] : setters) {
    const auto field = map.get(key);
    if (!field) continue;
    std::vector<Op> next;
    for (const Op& op : ops) {
      for (const Field& value : field_values(*field)) {
        Op changed = op;
        set(value, changed);
        next.push_back(changed);
      }
    }
    ops = std::move(next);
  }
  return ops;
}

/// One op entry, which may stand for several ops (lists as field values).
std::vector<Op> parse_op(const Field& field, bool in_cell) {
  Op op;
  if (field.node().IsScalar()) {
    static constexpr std::array<std::string_view, 4> plain = {"identity", "zero", "batchnorm",
                                                              "flatten"};
    const std::string name = read_choice(field, plain, "op");
    op.kind = name == "identity"    ? OpKind::identity
              : name == "zero"      ? OpKind::zero
              : name == "batchnorm" ? OpKind::batchnorm
                                    : OpKind::flatten;
    return {op};
  }
  const MapReader outer(field, op_expected);
  if (outer.entries().size() != 1) field.fail("an op is a map with one key", op_expected);
  const auto& entry = outer.entries().front();
  static constexpr std::array<std::string_view, 5> kinds = {"dense", "conv", "maxpool", "avgpool",
                                                            "dropout"};
  const std::string kind = read_choice(entry.key_field, kinds, "op");
  const MapReader map(entry.value, "a map of the op's settings");
  const Setter units = [](const Field& f, Op& o) { o.units = positive(f, "an integer >= 1"); };
  const Setter kernel = [](const Field& f, Op& o) { o.kernel = positive(f, "an integer >= 1"); };
  const Setter stride = [](const Field& f, Op& o) { o.stride = positive(f, "an integer >= 1"); };
  const Setter activation = [](const Field& f, Op& o) { o.activation = read_activation(f); };
  op.activation = arch::Activation::relu;
  if (kind == "dense") {
    static constexpr std::array<std::string_view, 2> keys = {"units", "activation"};
    map.allow_only(keys, "a dense op");
    map.require("units", "an integer >= 1, or a list of them");
    op.kind = OpKind::dense;
    return expand(map, op, {{"units", units}, {"activation", activation}});
  }
  if (kind == "conv") {
    static constexpr std::array<std::string_view, 4> keys = {"filters", "kernel", "stride",
                                                             "activation"};
    static constexpr std::array<std::string_view, 2> cell_keys = {"kernel", "activation"};
    if (in_cell) {
      map.allow_only(cell_keys, "a cell's conv op (its filters are the cell's channels)");
    } else {
      map.allow_only(keys, "a conv op");
      map.require("filters", "an integer >= 1, or a list of them");
    }
    op.kind = OpKind::conv;
    op.kernel = 3;
    return expand(
        map, op,
        {{"filters", units}, {"kernel", kernel}, {"stride", stride}, {"activation", activation}});
  }
  op.activation = arch::Activation::none;
  if (kind == "dropout") {
    static constexpr std::array<std::string_view, 1> keys = {"rate"};
    map.allow_only(keys, "a dropout op");
    map.require("rate", "a number in [0, 1), or a list of them");
    op.kind = OpKind::dropout;
    return expand(map, op, {{"rate", [](const Field& f, Op& o) {
                               o.rate = read_number(f, "a number in [0, 1)");
                               if (!(o.rate >= 0.0 && o.rate < 1.0)) {
                                 f.fail("out of range", "a number in [0, 1)");
                               }
                             }}});
  }
  static constexpr std::array<std::string_view, 1> keys = {"kernel"};
  map.allow_only(keys, "a pooling op");
  op.kind = kind == "maxpool" ? OpKind::maxpool : OpKind::avgpool;
  op.kernel = in_cell ? 3 : 2;
  return expand(map, op, {{"kernel", kernel}});
}

std::vector<Op> parse_ops(const Field& field, bool in_cell) {
  std::vector<Op> ops;
  for (const Field& entry : field_values(field)) {
    for (Op& op : parse_op(entry, in_cell)) ops.push_back(op);
  }
  return ops;
}

std::vector<arch::Node> parse_node(const Field& field) {
  const MapReader map(field, "a map {name: ..., variable|constant|mirror|mime: ...}");
  static constexpr std::array<std::string_view, 6> keys = {"name",     "repeat", "variable",
                                                           "constant", "mirror", "mime"};
  map.allow_only(keys, "a node");
  arch::Node node;
  node.name = read_string(map.require("name", "a node name (letters, digits, _)"));
  std::size_t kinds = 0;
  if (const auto f = map.get("variable")) {
    node.ops = parse_ops(*f, false);
    ++kinds;
  }
  if (const auto f = map.get("constant")) {
    node.kind = arch::NodeKind::constant;
    node.ops = parse_ops(*f, false);
    if (node.ops.size() != 1) f->fail("a constant node has exactly one op", "one op");
    ++kinds;
  }
  for (const std::string_view key : {"mirror", "mime"}) {
    if (const auto f = map.get(key)) {
      node.kind = key == "mirror" ? arch::NodeKind::mirror : arch::NodeKind::mime;
      node.source = read_string(*f, "the name of an earlier node");
      ++kinds;
    }
  }
  if (kinds != 1) {
    field.fail("a node has exactly one of variable, constant, mirror, mime", "one of those keys");
  }
  std::int64_t repeat = 1;
  if (const auto f = map.get("repeat")) repeat = positive(*f, "an integer >= 1");
  if (repeat == 1) return {node};
  if (node.kind == arch::NodeKind::mirror || node.kind == arch::NodeKind::mime) {
    field.fail("repeat applies to variable and constant nodes", "no repeat");
  }
  std::vector<arch::Node> nodes;
  for (std::int64_t i = 1; i <= repeat; ++i) {
    nodes.push_back(node);
    nodes.back().name = node.name + std::to_string(i);
  }
  return nodes;
}

arch::GraphSpace parse_graph(const Field& field) {
  const MapReader map(field, "a map with nodes and optionally skip");
  static constexpr std::array<std::string_view, 2> keys = {"nodes", "skip"};
  map.allow_only(keys, "architecture.graph");
  arch::GraphSpace graph;
  const Field nodes = map.require("nodes", "a list of nodes");
  if (!nodes.node().IsSequence()) nodes.fail("wrong type", "a list of nodes");
  for (const Field& entry : field_values(nodes)) {
    for (arch::Node& node : parse_node(entry)) graph.nodes.push_back(std::move(node));
  }
  if (const auto skip = map.get("skip")) {
    const MapReader s(*skip, "a map {anchors: k, merge: add|concat}");
    static constexpr std::array<std::string_view, 2> skip_keys = {"anchors", "merge"};
    s.allow_only(skip_keys, "architecture.graph.skip");
    graph.anchors = positive(s.require("anchors", "an integer >= 1"), "an integer >= 1");
    if (const auto merge = s.get("merge")) {
      static constexpr std::array<std::string_view, 2> merges = {"add", "concat"};
      graph.merge =
          read_choice(*merge, merges, "merge") == "add" ? arch::Merge::add : arch::Merge::concat;
    }
  }
  return graph;
}

arch::CellSpace parse_cells(const Field& field) {
  const MapReader map(field, "a map with blocks, normal_cells, reductions, filters, ops");
  static constexpr std::array<std::string_view, 5> keys = {"blocks", "normal_cells", "reductions",
                                                           "filters", "ops"};
  map.allow_only(keys, "architecture.cells");
  arch::CellSpace cells;
  if (const auto f = map.get("blocks")) cells.blocks = positive(*f, "an integer >= 1");
  if (const auto f = map.get("normal_cells")) cells.normal_cells = read_integer(*f);
  if (const auto f = map.get("reductions")) cells.reductions = read_integer(*f);
  if (const auto f = map.get("filters")) cells.filters = positive(*f, "an integer >= 1");
  cells.ops = parse_ops(map.require("ops", "a list of ops"), true);
  return cells;
}

} // namespace

arch::Architecture parse_architecture(const Field& field, ParsedSpace& space) {
  const MapReader map(field, "a map with input, outputs and graph or cells");
  static constexpr std::array<std::string_view, 4> keys = {"input", "outputs", "graph", "cells"};
  map.allow_only(keys, "architecture");
  arch::Architecture architecture;
  const Field input = map.require("input", "one sample's shape: [features] or [C, H, W]");
  if (!input.node().IsSequence()) input.fail("wrong type", "a list: [features] or [C, H, W]");
  for (const Field& d : field_values(input)) {
    architecture.input.push_back(positive(d, "an integer >= 1"));
  }
  architecture.outputs =
      positive(map.require("outputs", "the head's width, an integer >= 1"), "an integer >= 1");
  const auto graph = map.get("graph");
  const auto cells = map.get("cells");
  if (graph.has_value() == cells.has_value()) {
    field.fail("an architecture has exactly one of graph and cells", "graph: or cells:");
  }
  if (graph) {
    architecture.space = parse_graph(*graph);
  } else {
    architecture.space = parse_cells(*cells);
  }
  const Field& where = graph ? *graph : *cells;
  try {
    arch::check_architecture(architecture);
    for (Parameter& gene : arch::architecture_genes(architecture)) {
      space.space.add(std::move(gene));
      space.fields.push_back(where);
    }
  } catch (const Error& e) {
    where.fail(e.what());
  }
  return architecture;
}

void check_architecture_objective(const Field& objective, Problem& problem) {
  if (problem.objective.kind != EvaluatorKind::torch) return;
  TorchSpec& torch = problem.objective.torch;
  const auto model = MapReader(objective, "a map").get("model");
  const Field& where = model ? *model : objective;
  if (problem.architecture && torch.model != "architecture") {
    where.fail_got("a torch objective with an `architecture:` trains its networks",
                   "model " + torch.model, "model: architecture");
  }
  if (!problem.architecture && torch.model == "architecture") {
    where.fail("model architecture needs an `architecture:` section", "model: mlp or cnn");
  }
  if (problem.architecture) torch.architecture = arch::to_text(*problem.architecture);
}

void refuse_gene_names(const ParsedSpace& space) {
  for (std::size_t i = 0; i < space.space.size(); ++i) {
    if (arch::is_gene_name(space.space.parameters()[i].name)) {
      space.fields[i].fail("the prefix '" + std::string(arch::kGenePrefix) +
                               "' is reserved for the genes of the `architecture:` section",
                           "another parameter name");
    }
  }
}

} // namespace hpsearch::detail
