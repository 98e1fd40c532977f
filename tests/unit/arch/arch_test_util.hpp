#pragma once
// Helpers shared by the arch tests: small architectures built in C++.
#include "hpsearch/arch/architecture.hpp"

#include <string>
#include <vector>

namespace hpsearch::test {

inline arch::Op dense(std::int64_t units, arch::Activation a = arch::Activation::relu) {
  arch::Op op;
  op.kind = arch::OpKind::dense;
  op.units = units;
  op.activation = a;
  return op;
}

inline arch::Op pool(std::int64_t kernel) {
  arch::Op op;
  op.kind = arch::OpKind::maxpool;
  op.kernel = kernel;
  return op;
}

inline arch::Node node(std::string name, std::vector<arch::Op> ops,
                       arch::NodeKind kind = arch::NodeKind::variable, std::string source = {}) {
  return {std::move(name), kind, std::move(ops), std::move(source)};
}

inline arch::Architecture graph(std::vector<std::int64_t> input, std::int64_t outputs,
                                std::vector<arch::Node> nodes, std::int64_t anchors = 0) {
  arch::Architecture a;
  a.input = std::move(input);
  a.outputs = outputs;
  arch::GraphSpace g;
  g.nodes = std::move(nodes);
  g.anchors = anchors;
  a.space = std::move(g);
  return a;
}

/// The shipped architecture examples (configs/), relative to the source tree.
inline const std::vector<std::string>& shipped_spaces() {
  static const std::vector<std::string> files = {"configs/nas_dense_skip.yaml",
                                                 "configs/nas_cells_fashion_mnist.yaml",
                                                 "configs/nas_automl_net.yaml"};
  return files;
}

} // namespace hpsearch::test
