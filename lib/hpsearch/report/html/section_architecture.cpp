#include "hpsearch/report/html/sections.hpp"
#include "hpsearch/report/html/svg_plot.hpp"
#include "hpsearch/report/network_listing.hpp"

#include <limits>
#include <map>

namespace hpsearch::report::html {

namespace {

constexpr std::size_t kListed = 3;

} // namespace

std::string architecture_section(const ReportData& data) {
  if (data.architecture == nullptr) return "";
  const std::string title = "Architectures";
  const CheckpointContents& c = data.contents;
  const auto ranked = best_networks(c, *data.architecture, 0);
  if (ranked.empty()) return section("architecture", title, note("No successful evaluation."));
  std::map<JobId, std::int64_t> params;
  for (const RankedNetwork& r : ranked) {
    if (r.network) params[r.evaluation->id] = r.network->parameters;
  }
  std::vector<double> xs(c.evaluations.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < c.evaluations.size(); ++i) {
    const auto it = params.find(c.evaluations[i].id);
    if (it != params.end()) xs[i] = static_cast<double>(it->second);
  }
  std::string body = "<p>The networks the architecture genes chose: the objective against each "
                     "network's trainable parameters, then the best " +
                     std::to_string(std::min(kListed, ranked.size())) +
                     " as layer lists (layer, node, kind, inputs, output shape, parameters).</p>" +
                     objective_scatter(data, "architecture-params", xs, "parameters");
  for (std::size_t i = 0; i < ranked.size() && i < kListed; ++i) {
    const RankedNetwork& r = ranked[i];
    body += "<h3>#" + std::to_string(i + 1) + ": evaluation " + std::to_string(r.evaluation->id) +
            ", objective " + number(r.evaluation->objective);
    if (!r.network) {
      body += "</h3>" + note("Its genes cannot be decoded: " + r.error);
      continue;
    }
    body += ", " + std::to_string(r.network->parameters) + " parameters, " +
            std::to_string(r.network->flops) +
            " multiply-adds per sample</h3><pre class=\"layers\">" +
            escape(arch::describe(*r.network)) + "</pre>";
  }
  return section("architecture", title, body);
}

} // namespace hpsearch::report::html
