#pragma once
// Architecture: an architecture space as written under `architecture:` in a problem file
// (issue 18), as value types. Torch-free: config parses into it, arch/genes.hpp compiles it
// to ordinary search-space parameters, arch/network.hpp decodes chosen genes into a
// concrete network, and train's builder turns that into a torch::nn::Module.
//
// Two kinds of space:
//  - a graph space (DeepHyper's KSearchSpace): nodes in order, each fed by the previous
//    node's output (the first by the network input). A variable node chooses one op of a
//    list; a constant node has one op; a mirror node reuses another node's op AND weights;
//    a mime node takes another node's choice index with its own weights. With `skip`, each
//    node's output is merged (add, with a learned projection on a width mismatch, or concat)
//    with the outputs of up to `anchors` earlier nodes, each a gene "zero or connect".
//  - a cell space (NASNet): a normal and a reduction cell of B blocks; a block takes two
//    inputs among the cell's two inputs and its earlier blocks, applies one op to each and
//    adds them. The network is a stem conv, then `reductions` times (N normal cells, one
//    reduction cell), then N normal cells.
// Both end with a head: flatten and a dense layer to `outputs` values.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace hpsearch::arch {

enum class OpKind { identity, zero, dense, conv, maxpool, avgpool, batchnorm, dropout, flatten };

enum class Activation { none, relu, tanh, sigmoid, elu, selu, gelu };

/// One operation a node may apply. Fields not used by `kind` keep their defaults.
struct Op {
  OpKind kind = OpKind::identity;
  std::int64_t units = 0;  ///< dense: output width; conv: filters
  std::int64_t kernel = 1; ///< conv, maxpool, avgpool: square kernel size
  std::int64_t stride = 1; ///< conv: stride (same padding); pooling: stride = kernel
  double rate = 0.0;       ///< dropout
  Activation activation = Activation::none; ///< dense, conv

  bool operator==(const Op&) const = default;
};

/// "identity", "zero", "dense 16 relu", "conv 32 3x3 s2 relu", "maxpool 2", "batchnorm",
/// "dropout 0.2", "flatten": the gene value naming the op, unique within a node.
std::string describe(const Op& op);
std::string_view to_string(Activation activation);
std::string_view to_string(OpKind kind);

enum class NodeKind { variable, constant, mirror, mime };

struct Node {
  std::string name; ///< [A-Za-z0-9_]+, unique in the graph
  NodeKind kind = NodeKind::variable;
  std::vector<Op> ops; ///< variable: the choices (>= 1); constant: exactly one
  std::string source;  ///< mirror, mime: the earlier node it follows
};

enum class Merge { add, concat };
std::string_view to_string(Merge merge);

struct GraphSpace {
  std::vector<Node> nodes;
  std::int64_t anchors = 0; ///< skip connections from up to this many earlier outputs; 0: none
  Merge merge = Merge::add;
};

struct CellSpace {
  std::int64_t blocks = 2;       ///< B, blocks per cell
  std::int64_t normal_cells = 1; ///< N, normal cells in each stack
  std::int64_t reductions = 1;   ///< reduction cells (each halves height and width)
  std::int64_t filters = 16;     ///< the stem's channels; doubled by each reduction
  /// The block operations. Cell ops keep the channels and the size: identity, zero, conv
  /// (its `units` is ignored: the cell's channels), maxpool/avgpool (stride 1, same
  /// padding), batchnorm, dropout. In a reduction cell an op reading a cell input gets
  /// stride 2.
  std::vector<Op> ops;
};

struct Architecture {
  std::vector<std::int64_t> input; ///< one sample's shape: {features} or {C, H, W}
  std::int64_t outputs = 1;        ///< the head's width (classes, or regression targets)
  std::variant<GraphSpace, CellSpace> space;

  bool is_graph() const { return std::holds_alternative<GraphSpace>(space); }
  const GraphSpace& graph() const { return std::get<GraphSpace>(space); }
  const CellSpace& cells() const { return std::get<CellSpace>(space); }
};

} // namespace hpsearch::arch
