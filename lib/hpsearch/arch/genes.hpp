#pragma once
// The genes of an architecture space: ordinary search-space parameters, so every strategy
// searches architectures, jointly with hyperparameters. Every gene's name starts with
// kGenePrefix ("arch.") and nothing else in a space may (config refuses it).
//   graph  arch.<node>.op     categorical, the op descriptions (variable nodes only: a
//                             constant has one op, a mirror or mime node follows its source)
//          arch.<node>.skip<j> ordinal {0, 1}: connect the output j + 1 nodes back (j = 1..
//                             anchors; the network input counts as the output before the
//                             first node)
//   cells  arch.<cell>.b<b>.in1 / in2  categorical {0 .. b}: 0 and 1 the cell's inputs (two
//                             back, one back), 1 + k block k's output (cell: normal, reduction)
//          arch.<cell>.b<b>.op1 / op2  categorical, the op descriptions
#include "hpsearch/arch/architecture.hpp"
#include "hpsearch/space/parameter.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hpsearch::arch {

inline constexpr std::string_view kGenePrefix = "arch.";

/// True when `name` starts with kGenePrefix.
bool is_gene_name(std::string_view name);

/// Throws hpsearch::Error (bad input) naming the node when the space is malformed: a bad or
/// repeated node name, a variable node without ops or with two ops described alike, a
/// constant without exactly one op, a mirror or mime whose source is unknown or later (or, for
/// mime, has no choice), an empty input shape, outputs < 1, cell settings out of range or an
/// op a cell cannot hold.
void check_architecture(const Architecture& architecture);

/// The genes, in order (see the header comment). Call check_architecture() first.
std::vector<Parameter> architecture_genes(const Architecture& architecture);

/// The skip-gene name of graph node `node`, candidate `j` (1-based).
std::string skip_gene(const std::string& node, std::int64_t j);
std::string op_gene(const std::string& node);
std::string cell_gene(std::string_view cell, std::int64_t block, std::string_view field);

} // namespace hpsearch::arch
