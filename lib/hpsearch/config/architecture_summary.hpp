#pragma once
// What `hpsearch validate` prints about a problem's `architecture:`: the kind of space, its
// number of genes and of networks, and its smallest and largest networks by trainable
// parameters (arch/space_size.hpp: exact when enumerable, else the best found).
#include "hpsearch/arch/architecture.hpp"

#include <cstdint>
#include <string>

namespace hpsearch {

/// Lines ending with a newline, starting "architecture: ".
std::string format_architecture_summary(const arch::Architecture& architecture, std::uint64_t seed);

} // namespace hpsearch
