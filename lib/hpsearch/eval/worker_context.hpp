#pragma once
// WorkerContext: where a worker rank runs — its node-local place and the devices and
// environment bound to it. Evaluators that start processes pass child_env to them.
#include <functional>
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
  /// run.trial_dir as rank 0 resolved it: where trials' saved states go
  /// (eval/trial_state.hpp); "": jobs get no state directory.
  std::string trial_root;
  /// Set in every child process's environment on top of the worker's own, in order
  /// (CUDA_VISIBLE_DEVICES, OMP_NUM_THREADS, ...).
  std::vector<std::pair<std::string, std::string>> child_env;
  /// True once this worker rank is being torn down (SIGTERM or SIGINT to it, as MPI_Abort
  /// and batch systems send, or a second signal): evaluators kill their children at once,
  /// since a child in its own session would outlive the rank. Empty: never.
  std::function<bool()> torn_down;
};

} // namespace hpsearch
