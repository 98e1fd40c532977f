#pragma once
// WorkerContext: where a worker rank runs — its node-local place and the devices and
// environment bound to it. Evaluators that start processes pass child_env to them.
#include <string>
#include <utility>
#include <vector>

namespace hpsearch {

struct WorkerContext {
  int rank = 0; ///< world rank
  std::string host;
  int local_rank = 0;         ///< among the worker ranks on this node
  int local_size = 1;         ///< worker ranks on this node
  std::string device = "cpu"; ///< "cpu", or "cuda:<i>" when a GPU is bound
  /// Set in every child process's environment on top of the worker's own, in order
  /// (CUDA_VISIBLE_DEVICES, OMP_NUM_THREADS, ...).
  std::vector<std::pair<std::string, std::string>> child_env;
};

} // namespace hpsearch
