#pragma once
// The GPUs of this node, a node fact like the batch job's node list: CUDA_VISIBLE_DEVICES
// when it is set (so a batch system's restriction is honoured), else 0..n-1 for the n
// lines `nvidia-smi -L` prints, else none; run.gpus_per_node overrides the count (taking
// the first entries). Which worker gets which GPU is runtime's placement policy
// (runtime/placement.hpp). Pure functions over explicit inputs, so every rule is
// unit-tested without GPUs; detect_gpus() is the one that looks at the machine.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

/// How long `nvidia-smi -L` may take before it is killed and the node counts as having
/// no GPU it reported (a wedged driver can hang it; worker start must not).
inline constexpr double kNvidiaSmiTimeout = 15.0;

/// The GPU ids a CUDA_VISIBLE_DEVICES value lists ("0,1" -> {"0","1"}; "" -> {}); as
/// CUDA does, the list ends at the first invalid entry ("-1", "1,-1,2" -> {"1"}). UUIDs
/// ("GPU-...", "MIG-...") are kept.
std::vector<std::string> parse_visible_devices(std::string_view value);
/// GPUs listed by `nvidia-smi -L` output (lines starting with "GPU ").
int count_nvidia_smi_gpus(std::string_view output);

/// The node's GPU ids, by the rules above. `visible`: CUDA_VISIBLE_DEVICES, when set;
/// `nvidia_smi`: the output of `nvidia-smi -L`, when that program ran.
std::vector<std::string> node_gpus(std::int64_t gpus_per_node,
                                   const std::optional<std::string>& visible,
                                   const std::optional<std::string>& nvidia_smi);

/// node_gpus() for this machine: reads CUDA_VISIBLE_DEVICES and, when it is unset and
/// gpus_per_node is not 0, runs `nvidia-smi -L` (argv, no shell) for at most
/// `nvidia_smi_timeout` seconds.
std::vector<std::string> detect_gpus(std::int64_t gpus_per_node,
                                     double nvidia_smi_timeout = kNvidiaSmiTimeout);

} // namespace hpsearch
