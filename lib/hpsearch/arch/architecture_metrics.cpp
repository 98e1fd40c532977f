#include "hpsearch/arch/architecture_metrics.hpp"

#include "hpsearch/core/json_writer.hpp"
#include "hpsearch/core/rapidjson.hpp"

#include <algorithm>

namespace hpsearch::arch {

void declare_architecture_metrics(std::vector<std::string>& metrics) {
  for (const std::string_view name : {kParamsMetric, kFlopsMetric}) {
    if (std::find(metrics.begin(), metrics.end(), name) == metrics.end()) {
      metrics.emplace_back(name);
    }
  }
}

std::string with_architecture_metrics(const std::string& metadata, const Network& network) {
  JsonWriter json;
  json.begin_object()
      .key(kParamsMetric)
      .integer(network.parameters)
      .key(kFlopsMetric)
      .integer(network.flops);
  std::string members = json.end_object().text(); // {"arch_params": P, "arch_flops": F}
  const auto start = metadata.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return members;
  rapidjson::Document document;
  document.Parse(metadata.c_str(), metadata.size());
  if (document.HasParseError() || !document.IsObject()) return metadata;
  if (document.HasMember(kParamsMetric.data()) || document.HasMember(kFlopsMetric.data())) {
    return metadata;
  }
  // The job's members follow ours, as written: "{" + ours + ", " + theirs.
  members.pop_back(); // the closing brace
  const std::string rest = metadata.substr(start + 1);
  const bool empty = rest.find_first_not_of(" \t\r\n") == rest.find('}');
  return members + (empty ? "}" : ", " + rest.substr(rest.find_first_not_of(" \t\r\n")));
}

} // namespace hpsearch::arch
