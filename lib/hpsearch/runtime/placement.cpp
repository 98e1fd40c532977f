#include "hpsearch/runtime/placement.hpp"

namespace hpsearch {

void place_worker(WorkerContext& context, const PlacementSpec& spec,
                  const std::vector<std::string>& gpus) {
  context.device = "cpu";
  if (!gpus.empty()) {
    const auto slot =
        static_cast<std::size_t>(context.local_rank < 0 ? 0 : context.local_rank) % gpus.size();
    context.device = "cuda:" + gpus[slot];
    context.child_env.emplace_back("CUDA_VISIBLE_DEVICES", gpus[slot]);
  }
  if (spec.threads_per_worker > 0) {
    const std::string threads = std::to_string(spec.threads_per_worker);
    context.child_env.emplace_back("OMP_NUM_THREADS", threads);
    context.child_env.emplace_back("MKL_NUM_THREADS", threads);
  }
}

} // namespace hpsearch
