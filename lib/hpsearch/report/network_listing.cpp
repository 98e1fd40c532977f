#include "hpsearch/report/network_listing.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/core/json_writer.hpp"
#include "hpsearch/report/best_first.hpp"
#include "hpsearch/report/text_table.hpp"

#include <sstream>

namespace hpsearch::report {

namespace {

/// 1234567 as "1,234,567".
std::string grouped(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return (n < 0 ? "-" : "") + digits;
}

void write_layer(JsonWriter& json, std::size_t index, const arch::Layer& l) {
  json.begin_object()
      .key("index")
      .integer(static_cast<std::int64_t>(index))
      .key("node")
      .string(l.node)
      .key("kind")
      .string(arch::to_string(l.kind))
      .key("units")
      .integer(l.units)
      .key("kernel")
      .integer(l.kernel)
      .key("stride")
      .integer(l.stride)
      .key("padding")
      .integer(l.padding)
      .key("rate")
      .real(l.rate)
      .key("activation")
      .string(arch::to_string(l.activation))
      .key("inputs")
      .begin_array();
  for (const std::size_t in : l.inputs) json.integer(static_cast<std::int64_t>(in));
  json.end_array().key("shape").begin_array();
  for (const std::int64_t d : l.shape) json.integer(d);
  json.end_array().key("shares");
  if (l.shares) {
    json.integer(static_cast<std::int64_t>(*l.shares));
  } else {
    json.null();
  }
  json.key("params").integer(l.parameters).key("flops").integer(l.flops).end_object();
}

} // namespace

std::vector<RankedNetwork> best_networks(const CheckpointContents& contents,
                                         const arch::Architecture& architecture, std::size_t top) {
  std::vector<const Evaluation*> ok = best_first(contents);
  if (top > 0 && ok.size() > top) ok.resize(top);
  std::vector<RankedNetwork> ranked;
  ranked.reserve(ok.size());
  for (const Evaluation* ev : ok) {
    RankedNetwork r;
    r.evaluation = ev;
    try {
      r.network = arch::decode_network(architecture, ev->config);
    } catch (const Error& e) {
      r.error = e.what();
    }
    ranked.push_back(std::move(r));
  }
  return ranked;
}

std::string format_best_networks(const CheckpointContents& contents,
                                 const arch::Architecture& architecture, std::size_t top) {
  const auto ranked = best_networks(contents, architecture, top);
  if (ranked.empty()) return "best networks: none (no successful evaluation)\n";
  std::ostringstream out;
  out << "best networks (layer: node kind [units] [kernel] <- inputs -> output shape):\n";
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const RankedNetwork& r = ranked[i];
    out << "rank " << i + 1 << ": id " << r.evaluation->id << ", objective "
        << format_number(r.evaluation->objective);
    if (!r.network) {
      out << ": cannot decode its genes: " << r.error << "\n";
      continue;
    }
    out << ", " << grouped(r.network->parameters) << " parameters, " << grouped(r.network->flops)
        << " multiply-adds per sample\n";
    std::istringstream lines(arch::describe(*r.network));
    for (std::string line; std::getline(lines, line);) out << "    " << line << "\n";
  }
  return out.str();
}

void write_layers_json(const CheckpointContents& contents, const arch::Architecture& architecture,
                       std::ostream& out) {
  const auto ranked = best_networks(contents, architecture, 0);
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const RankedNetwork& r = ranked[i];
    JsonWriter json;
    json.begin_object()
        .key("rank")
        .integer(static_cast<std::int64_t>(i + 1))
        .key("job_id")
        .integer(r.evaluation->id)
        .key("objective")
        .real(r.evaluation->objective);
    if (r.network) {
      json.key("params").integer(r.network->parameters).key("flops").integer(r.network->flops);
      json.key("layers").begin_array();
      for (std::size_t k = 0; k < r.network->layers.size(); ++k) {
        write_layer(json, k, r.network->layers[k]);
      }
      json.end_array();
    } else {
      json.key("error").string(r.error);
    }
    out << json.end_object().text() << "\n";
  }
}

} // namespace hpsearch::report
