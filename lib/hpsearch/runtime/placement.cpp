#include "hpsearch/runtime/placement.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

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

/// `program` found in a PATH directory as an executable file.
bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::string_view dirs(path);
  while (!dirs.empty()) {
    const auto colon = dirs.find(':');
    const std::string_view dir = dirs.substr(0, colon);
    std::error_code ec;
    const auto candidate = std::filesystem::path(dir.empty() ? "." : std::string(dir)) / program;
    if (std::filesystem::is_regular_file(candidate, ec)) return true;
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  return false;
}

std::optional<std::string> run_nvidia_smi() {
  if (!on_path("nvidia-smi")) return std::nullopt;
  struct Closer {
    void operator()(FILE* f) const { pclose(f); }
  };
  const std::unique_ptr<FILE, Closer> pipe(popen("nvidia-smi -L 2>/dev/null", "r"));
  if (!pipe) return std::nullopt;
  std::string out;
  std::array<char, 512> buffer{};
  while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()) != nullptr) {
    out += buffer.data();
  }
  return out;
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

void place_worker(WorkerContext& context, const PlacementSpec& spec,
                  const std::vector<std::string>& gpus) {
  context.device = "cpu";
  if (!gpus.empty()) {
    const auto slot =
        static_cast<std::size_t>(context.local_rank < 0 ? 0 : context.local_rank) % gpus.size();
    // CUDA numbers the devices a process sees 0..n-1 in CUDA_VISIBLE_DEVICES order, so in
    // this process the GPU is its index in that list; a child gets the id itself (a
    // number or a UUID), which CUDA_VISIBLE_DEVICES takes.
    context.device = "cuda:" + std::to_string(slot);
    context.child_env.emplace_back("CUDA_VISIBLE_DEVICES", gpus[slot]);
  }
  if (spec.threads_per_worker > 0) {
    const std::string threads = std::to_string(spec.threads_per_worker);
    context.child_env.emplace_back("OMP_NUM_THREADS", threads);
    context.child_env.emplace_back("MKL_NUM_THREADS", threads);
  }
}

std::vector<std::string> detect_gpus(std::int64_t gpus_per_node) {
  if (gpus_per_node == 0) return {};
  std::optional<std::string> visible;
  if (const char* value = std::getenv("CUDA_VISIBLE_DEVICES")) visible = value;
  std::optional<std::string> smi;
  if (!visible) smi = run_nvidia_smi();
  return node_gpus(gpus_per_node, visible, smi);
}

} // namespace hpsearch
