#pragma once
// An Architecture as plain text and back, exactly: how the architecture of a problem
// reaches the trainer module (TorchSpec::architecture, then TrainerOptions), which parses
// no YAML. One item per line: "input 1 28 28", "outputs 10", "graph <anchors> <merge>",
// "node <kind> <name> <source|->", "cells <blocks> <normal> <reductions> <filters>",
// "op <kind> <units> <kernel> <stride> <rate> <activation>" (the ops of the node or cells
// line above it).
#include "hpsearch/arch/architecture.hpp"

#include <string>

namespace hpsearch::arch {

std::string to_text(const Architecture& architecture);
/// Throws hpsearch::Error (internal: the text is written by to_text) on malformed text.
Architecture architecture_from_text(const std::string& text);

} // namespace hpsearch::arch
