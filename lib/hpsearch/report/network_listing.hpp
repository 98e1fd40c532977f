#pragma once
// The best networks of an architecture search as layer lists (issue 18): `hpsearch show
// --layers`, `hpsearch export --layers` and the HTML report's architecture section decode
// the genes of the best evaluations with the problem's architecture (arch/network.hpp,
// torch-free: the layers, their shapes, parameters and multiply-adds).
#include "hpsearch/arch/architecture.hpp"
#include "hpsearch/arch/network.hpp"
#include "hpsearch/store/reader.hpp"

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace hpsearch::report {

struct RankedNetwork {
  const Evaluation* evaluation = nullptr;
  std::optional<arch::Network> network; ///< none when its genes cannot be decoded
  std::string error;                    ///< why not
};

/// The ok evaluations with an objective, best first under the checkpoint's direction (ties
/// by id), the first `top` of them (0: all), each with the network its genes choose.
std::vector<RankedNetwork> best_networks(const CheckpointContents& contents,
                                         const arch::Architecture& architecture, std::size_t top);

/// `show --layers`: per network a line "rank 1: id 17, objective 0.8421, 12,345 parameters,
/// 67,890 multiply-adds per sample", then its layers (arch::describe), indented.
std::string format_best_networks(const CheckpointContents& contents,
                                 const arch::Architecture& architecture, std::size_t top);

/// `export --layers`: one JSON object per ok evaluation, best first: {"rank", "job_id",
/// "objective", "params", "flops", "layers": [{"index", "node", "kind", "units", "kernel",
/// "stride", "padding", "rate", "activation", "inputs", "shape", "shares" (null: owns its
/// weights), "params", "flops"}, ...]}; "error" instead of the sizes and layers when the
/// genes cannot be decoded.
void write_layers_json(const CheckpointContents& contents, const arch::Architecture& architecture,
                       std::ostream& out);

} // namespace hpsearch::report
