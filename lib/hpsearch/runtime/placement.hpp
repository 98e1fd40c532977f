#pragma once
// Node-local placement of a worker rank: which GPU it is bound to and which environment
// its children (and in-process evaluators) get. Pure functions over explicit inputs, so
// every rule is unit-tested without MPI or GPUs; detect_gpus() is the one that looks at
// the machine.
//
// Rules: a node's GPUs are the entries of CUDA_VISIBLE_DEVICES when it is set (so a batch
// system's restriction is honoured), else 0..n-1 for the n lines `nvidia-smi -L` prints,
// else none; run.gpus_per_node overrides the count (taking the first entries). Worker
// local_rank uses GPU slot local_rank % gpus: its children see only that GPU
// (CUDA_VISIBLE_DEVICES=<id>, the id as listed: a number or a "GPU-..." UUID), and its
// in-process device reads "cuda:<slot>", the GPU's index among the devices this process
// sees (after CUDA_VISIBLE_DEVICES=3, CUDA knows that GPU as cuda:0).
// run.threads_per_worker sets OMP_NUM_THREADS and MKL_NUM_THREADS.
#include "hpsearch/eval/worker_context.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

struct PlacementSpec {
  std::int64_t gpus_per_node = -1;     ///< -1: detect; 0: no GPU binding
  std::int64_t threads_per_worker = 0; ///< 0: leave the thread variables alone
};

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

/// Fills context.device and context.child_env for worker `context.local_rank`.
void place_worker(WorkerContext& context, const PlacementSpec& spec,
                  const std::vector<std::string>& gpus);

/// node_gpus() for this machine: reads CUDA_VISIBLE_DEVICES and runs `nvidia-smi -L` when
/// it is on the PATH and needed (gpus_per_node -1, or > 0 without CUDA_VISIBLE_DEVICES).
std::vector<std::string> detect_gpus(std::int64_t gpus_per_node);

} // namespace hpsearch
