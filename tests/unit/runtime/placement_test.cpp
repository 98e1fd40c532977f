#include "hpsearch/runtime/placement.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using Ids = std::vector<std::string>;

std::string env_of(const WorkerContext& c, const std::string& name) {
  for (const auto& [key, value] : c.child_env) {
    if (key == name) return value;
  }
  return "<unset>";
}

WorkerContext placed(int local_rank, const std::optional<std::string>& visible,
                     const std::optional<std::string>& nvidia_smi = std::nullopt) {
  WorkerContext c;
  c.local_rank = local_rank;
  place_worker(c, PlacementSpec{}, node_gpus(-1, visible, nvidia_smi));
  return c;
}

TEST(Placement, WorkersShareGpusRoundRobinByLocalRank) {
  // CUDA_VISIBLE_DEVICES=4,5: inside the process CUDA calls them cuda:0 and cuda:1; a
  // child is given the physical id.
  for (int local = 0; local < 5; ++local) {
    const WorkerContext c = placed(local, std::string("4,5"));
    const int slot = local % 2;
    EXPECT_EQ(c.device, "cuda:" + std::to_string(slot)) << "local rank " << local;
    EXPECT_EQ(env_of(c, "CUDA_VISIBLE_DEVICES"), slot == 0 ? "4" : "5");
  }
}

TEST(Placement, OneVisibleGpuIsCuda0InProcess) {
  // Polaris: jobscripts/gpu_affinity.sh gives each rank one GPU (CUDA_VISIBLE_DEVICES=3 for
  // local rank 0, ...); only cuda:0 exists in that process, whatever the local rank.
  for (int local = 0; local < 4; ++local) {
    const WorkerContext c = placed(local, std::string(std::to_string(3 - local)));
    EXPECT_EQ(c.device, "cuda:0") << "local rank " << local;
    EXPECT_EQ(env_of(c, "CUDA_VISIBLE_DEVICES"), std::to_string(3 - local));
  }
}

TEST(Placement, UuidIdsGoToChildrenAndTheIndexInProcess) {
  const std::string visible = "GPU-8a1b2c3d-0000-1111-2222-333344445555,GPU-ffee";
  const WorkerContext first = placed(0, visible);
  const WorkerContext second = placed(1, visible);
  EXPECT_EQ(first.device, "cuda:0");
  EXPECT_EQ(second.device, "cuda:1");
  EXPECT_EQ(env_of(first, "CUDA_VISIBLE_DEVICES"), "GPU-8a1b2c3d-0000-1111-2222-333344445555");
  EXPECT_EQ(env_of(second, "CUDA_VISIBLE_DEVICES"), "GPU-ffee");
  const WorkerContext mig = placed(2, std::string("MIG-4f1e"));
  EXPECT_EQ(mig.device, "cuda:0");
  EXPECT_EQ(env_of(mig, "CUDA_VISIBLE_DEVICES"), "MIG-4f1e");
}

TEST(Placement, GpusFromNvidiaSmiAreTheirOwnIndex) {
  const std::string smi = "GPU 0: A100 (UUID: GPU-1)\nGPU 1: A100 (UUID: GPU-2)\n"
                          "GPU 2: A100 (UUID: GPU-3)\n";
  const WorkerContext c = placed(5, std::nullopt, smi);
  EXPECT_EQ(c.device, "cuda:2");
  EXPECT_EQ(env_of(c, "CUDA_VISIBLE_DEVICES"), "2");
}

TEST(Placement, WithoutGpusTheDeviceIsCpuAndCudaIsLeftAlone) {
  WorkerContext c;
  c.local_rank = 3;
  place_worker(c, PlacementSpec{}, {});
  EXPECT_EQ(c.device, "cpu");
  EXPECT_TRUE(c.child_env.empty());
}

TEST(Placement, ThreadsPerWorkerSetsOmpAndMkl) {
  WorkerContext c;
  place_worker(c, PlacementSpec{-1, 4}, {});
  EXPECT_EQ(env_of(c, "OMP_NUM_THREADS"), "4");
  EXPECT_EQ(env_of(c, "MKL_NUM_THREADS"), "4");
}

} // namespace
} // namespace hpsearch
