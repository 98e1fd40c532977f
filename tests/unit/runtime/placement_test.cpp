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

TEST(Placement, VisibleDevicesAreParsedAsCudaDoes) {
  EXPECT_EQ(parse_visible_devices("0,1,3"), (Ids{"0", "1", "3"}));
  EXPECT_EQ(parse_visible_devices(" 2 , 5"), (Ids{"2", "5"}));
  EXPECT_EQ(parse_visible_devices(""), Ids{});
  EXPECT_EQ(parse_visible_devices("-1"), Ids{});
  EXPECT_EQ(parse_visible_devices("1,-1,2"), Ids{"1"});
  EXPECT_EQ(parse_visible_devices("GPU-8a1b,MIG-3"), (Ids{"GPU-8a1b", "MIG-3"}));
  EXPECT_EQ(parse_visible_devices("NoDevFiles"), Ids{});
}

TEST(Placement, NvidiaSmiLinesAreCounted) {
  EXPECT_EQ(count_nvidia_smi_gpus("GPU 0: A100 (UUID: GPU-1)\nGPU 1: A100 (UUID: GPU-2)\n"), 2);
  EXPECT_EQ(count_nvidia_smi_gpus("GPU 0: T4 (UUID: GPU-1)\n  MIG 1g.5gb Device 0: (UUID: x)\n"),
            1);
  EXPECT_EQ(count_nvidia_smi_gpus("No devices were found\n"), 0);
  EXPECT_EQ(count_nvidia_smi_gpus(""), 0);
}

TEST(Placement, NodeGpusPreferVisibleDevicesThenNvidiaSmi) {
  EXPECT_EQ(node_gpus(-1, std::string("4,5"), std::string("GPU 0\nGPU 1\nGPU 2\n")),
            (Ids{"4", "5"}));
  EXPECT_EQ(node_gpus(-1, std::nullopt, std::string("GPU 0: a\nGPU 1: b\n")), (Ids{"0", "1"}));
  EXPECT_EQ(node_gpus(-1, std::nullopt, std::nullopt), Ids{});
  EXPECT_EQ(node_gpus(-1, std::string(""), std::nullopt), Ids{}) << "set but empty: no GPU";
}

TEST(Placement, AnExplicitCountTruncatesOrExtends) {
  EXPECT_EQ(node_gpus(1, std::string("4,5"), std::nullopt), Ids{"4"});
  EXPECT_EQ(node_gpus(3, std::nullopt, std::nullopt), (Ids{"0", "1", "2"}));
  EXPECT_EQ(node_gpus(0, std::string("4,5"), std::nullopt), Ids{});
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
