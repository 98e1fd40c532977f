#include "hpsearch/config/architecture_summary.hpp"

#include "hpsearch/arch/network.hpp"
#include "hpsearch/arch/space_size.hpp"
#include "hpsearch/core/shape_text.hpp"
#include "hpsearch/core/value.hpp"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace hpsearch {

namespace {

std::string count_text(double n) {
  std::ostringstream out;
  if (n < 1e15) {
    out << std::fixed << std::setprecision(0) << n;
  } else {
    out << "about " << std::setprecision(3) << n;
  }
  return out.str();
}

std::string extreme_text(const arch::NetworkExtreme& extreme, const arch::Architecture& a) {
  const arch::Network network = arch::decode_network(a, extreme.genes);
  return std::to_string(extreme.parameters) + " parameters, " + std::to_string(network.flops) +
         " multiply-adds per sample";
}

} // namespace

std::string format_architecture_summary(const arch::Architecture& architecture,
                                        std::uint64_t seed) {
  std::ostringstream out;
  out << "architecture: ";
  if (architecture.is_graph()) {
    const arch::GraphSpace& g = architecture.graph();
    out << "graph of " << g.nodes.size() << " nodes";
    if (g.anchors > 0) {
      out << ", skip connections from the last " << g.anchors << " outputs merged by "
          << arch::to_string(g.merge);
    }
  } else {
    const arch::CellSpace& c = architecture.cells();
    out << "cells of " << c.blocks << " blocks, " << c.normal_cells << " normal cells x "
        << c.reductions + 1 << " stacks, " << c.reductions << " reduction cells, " << c.filters
        << " stem filters, " << c.ops.size() << " ops";
  }
  out << "; input " << shape_text(architecture.input) << ", outputs " << architecture.outputs
      << "\n";
  const arch::SpaceSize size = arch::measure_space(architecture, seed);
  out << "  genes: " << size.genes << " (arch.*), networks: " << count_text(size.networks) << "\n";
  const std::string how = size.exact ? "exact, all " + std::to_string(size.tried) + " networks"
                                     : "best found in " + std::to_string(size.tried) +
                                           " networks tried (seed " + std::to_string(seed) + ")";
  out << "  smallest network: " << extreme_text(size.smallest, architecture) << " (" << how
      << ")\n";
  out << "  largest network: " << extreme_text(size.largest, architecture) << "\n";
  if (size.unbuildable > 0) {
    out << "  warning: " << size.unbuildable << " of the " << size.tried
        << " networks tried cannot be built (they fail as evaluations); the first: "
        << size.first_failure << "\n";
  }
  return out.str();
}

} // namespace hpsearch
