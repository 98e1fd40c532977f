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

TEST(Placement, WorkersShareGpusRoundRobinByLocalRank) {
  const Ids gpus{"4", "5"};
  for (int local = 0; local < 5; ++local) {
    WorkerContext c;
    c.local_rank = local;
    place_worker(c, PlacementSpec{}, gpus);
    const std::string id = gpus[static_cast<std::size_t>(local) % 2];
    EXPECT_EQ(c.device, "cuda:" + id);
    EXPECT_EQ(env_of(c, "CUDA_VISIBLE_DEVICES"), id);
  }
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
