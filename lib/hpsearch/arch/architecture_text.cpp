#include "hpsearch/arch/architecture_text.hpp"

#include "hpsearch/core/error.hpp"

#include <cstdio>
#include <sstream>

namespace hpsearch::arch {

namespace {

std::string rate_text(double rate) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", rate);
  return buffer;
}

void write_ops(std::ostringstream& out, const std::vector<Op>& ops) {
  for (const Op& op : ops) {
    out << "op " << static_cast<int>(op.kind) << " " << op.units << " " << op.kernel << " "
        << op.stride << " " << rate_text(op.rate) << " " << static_cast<int>(op.activation) << "\n";
  }
}

[[noreturn]] void malformed(const std::string& line) {
  throw Error::internal("architecture text: malformed line '" + line + "'");
}

} // namespace

std::string to_text(const Architecture& architecture) {
  std::ostringstream out;
  out << "input";
  for (const std::int64_t d : architecture.input) out << " " << d;
  out << "\noutputs " << architecture.outputs << "\n";
  if (architecture.is_graph()) {
    const GraphSpace& g = architecture.graph();
    out << "graph " << g.anchors << " " << static_cast<int>(g.merge) << "\n";
    for (const Node& node : g.nodes) {
      out << "node " << static_cast<int>(node.kind) << " " << node.name << " "
          << (node.source.empty() ? "-" : node.source) << "\n";
      write_ops(out, node.ops);
    }
  } else {
    const CellSpace& c = architecture.cells();
    out << "cells " << c.blocks << " " << c.normal_cells << " " << c.reductions << " " << c.filters
        << "\n";
    write_ops(out, c.ops);
  }
  return out.str();
}

Architecture architecture_from_text(const std::string& text) {
  Architecture architecture;
  std::istringstream in(text);
  std::string line;
  std::vector<Op>* ops = nullptr;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string item;
    fields >> item;
    if (item == "input") {
      std::int64_t d = 0;
      while (fields >> d) architecture.input.push_back(d);
    } else if (item == "outputs") {
      if (!(fields >> architecture.outputs)) malformed(line);
    } else if (item == "graph") {
      GraphSpace g;
      int merge = 0;
      if (!(fields >> g.anchors >> merge)) malformed(line);
      g.merge = static_cast<Merge>(merge);
      architecture.space = std::move(g);
    } else if (item == "node") {
      if (!architecture.is_graph()) malformed(line);
      Node node;
      int kind = 0;
      if (!(fields >> kind >> node.name >> node.source)) malformed(line);
      node.kind = static_cast<NodeKind>(kind);
      if (node.source == "-") node.source.clear();
      auto& nodes = std::get<GraphSpace>(architecture.space).nodes;
      nodes.push_back(std::move(node));
      ops = &nodes.back().ops;
    } else if (item == "cells") {
      CellSpace c;
      if (!(fields >> c.blocks >> c.normal_cells >> c.reductions >> c.filters)) malformed(line);
      architecture.space = std::move(c);
      ops = &std::get<CellSpace>(architecture.space).ops;
    } else if (item == "op") {
      Op op;
      int kind = 0;
      int activation = 0;
      if (ops == nullptr ||
          !(fields >> kind >> op.units >> op.kernel >> op.stride >> op.rate >> activation)) {
        malformed(line);
      }
      op.kind = static_cast<OpKind>(kind);
      op.activation = static_cast<Activation>(activation);
      ops->push_back(op);
    } else if (!item.empty()) {
      malformed(line);
    }
  }
  return architecture;
}

} // namespace hpsearch::arch
