#include "hpsearch/runtime/placement.hpp"

namespace hpsearch {

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

} // namespace hpsearch
