#pragma once
// Node-local placement of a worker rank: which GPU it is bound to and which environment
// its children (and in-process evaluators) get. Pure functions over explicit inputs, so
// every rule is unit-tested without MPI or GPUs; the node's GPUs are a node fact that
// sched detects (sched/node_gpus.hpp: detect_gpus() looks at the machine).
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
#include "hpsearch/sched/node_gpus.hpp" // detect_gpus(), the node facts placement uses

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

/// Fills context.device and context.child_env for worker `context.local_rank`.
void place_worker(WorkerContext& context, const PlacementSpec& spec,
                  const std::vector<std::string>& gpus);

} // namespace hpsearch
