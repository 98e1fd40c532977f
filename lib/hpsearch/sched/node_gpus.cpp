#include "hpsearch/sched/node_gpus.hpp"

#include "hpsearch/sched/query_output.hpp"

#include <cstdlib>

namespace hpsearch {

namespace {

bool valid_device(std::string_view entry) {
  if (entry.empty()) return false;
  if (entry.starts_with("GPU-") || entry.starts_with("MIG-")) return true;
  for (const char c : entry) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

} // namespace

std::vector<std::string> parse_visible_devices(std::string_view value) {
  std::vector<std::string> ids;
  while (true) {
    const auto comma = value.find(',');
    const std::string_view entry = trim(value.substr(0, comma));
    if (!valid_device(entry)) break;
    ids.emplace_back(entry);
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return ids;
}

int count_nvidia_smi_gpus(std::string_view output) {
  int gpus = 0;
  while (!output.empty()) {
    const auto newline = output.find('\n');
    if (trim(output.substr(0, newline)).starts_with("GPU ")) ++gpus;
    if (newline == std::string_view::npos) break;
    output.remove_prefix(newline + 1);
  }
  return gpus;
}

std::vector<std::string> node_gpus(std::int64_t gpus_per_node,
                                   const std::optional<std::string>& visible,
                                   const std::optional<std::string>& nvidia_smi) {
  std::vector<std::string> ids;
  if (visible) {
    ids = parse_visible_devices(*visible);
  } else if (nvidia_smi) {
    for (int i = 0; i < count_nvidia_smi_gpus(*nvidia_smi); ++i) ids.push_back(std::to_string(i));
  }
  if (gpus_per_node < 0) return ids;
  const auto wanted = static_cast<std::size_t>(gpus_per_node);
  if (ids.size() > wanted) ids.resize(wanted);
  // An explicit count beyond what was detected: trust the user (a node without
  // nvidia-smi on the PATH), numbering the rest.
  while (ids.size() < wanted) ids.push_back(std::to_string(ids.size()));
  return ids;
}

std::vector<std::string> detect_gpus(std::int64_t gpus_per_node, double nvidia_smi_timeout) {
  if (gpus_per_node == 0) return {};
  std::optional<std::string> visible;
  if (const char* value = std::getenv("CUDA_VISIBLE_DEVICES")) visible = value;
  std::optional<std::string> smi;
  if (!visible) smi = query_output({"nvidia-smi", "-L"}, nvidia_smi_timeout);
  return node_gpus(gpus_per_node, visible, smi);
}

} // namespace hpsearch
