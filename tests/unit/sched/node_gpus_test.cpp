// The node's GPUs (sched/node_gpus.hpp): CUDA_VISIBLE_DEVICES, `nvidia-smi -L` (run
// without a shell and with a time limit), run.gpus_per_node.
#include "fake_command.hpp"
#include "hpsearch/core/clock.hpp"
#include "hpsearch/sched/node_gpus.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

namespace hpsearch {
namespace {

using Ids = std::vector<std::string>;

TEST(NodeGpus, VisibleDevicesAreParsedAsCudaDoes) {
  EXPECT_EQ(parse_visible_devices("0,1,3"), (Ids{"0", "1", "3"}));
  EXPECT_EQ(parse_visible_devices(" 2 , 5"), (Ids{"2", "5"}));
  EXPECT_EQ(parse_visible_devices(""), Ids{});
  EXPECT_EQ(parse_visible_devices("-1"), Ids{});
  EXPECT_EQ(parse_visible_devices("1,-1,2"), Ids{"1"});
  EXPECT_EQ(parse_visible_devices("GPU-8a1b,MIG-3"), (Ids{"GPU-8a1b", "MIG-3"}));
  EXPECT_EQ(parse_visible_devices("NoDevFiles"), Ids{});
}

TEST(NodeGpus, NvidiaSmiLinesAreCounted) {
  EXPECT_EQ(count_nvidia_smi_gpus("GPU 0: A100 (UUID: GPU-1)\nGPU 1: A100 (UUID: GPU-2)\n"), 2);
  EXPECT_EQ(count_nvidia_smi_gpus("GPU 0: T4 (UUID: GPU-1)\n  MIG 1g.5gb Device 0: (UUID: x)\n"),
            1);
  EXPECT_EQ(count_nvidia_smi_gpus("No devices were found\n"), 0);
  EXPECT_EQ(count_nvidia_smi_gpus(""), 0);
}

TEST(NodeGpus, NodeGpusPreferVisibleDevicesThenNvidiaSmi) {
  EXPECT_EQ(node_gpus(-1, std::string("4,5"), std::string("GPU 0\nGPU 1\nGPU 2\n")),
            (Ids{"4", "5"}));
  EXPECT_EQ(node_gpus(-1, std::nullopt, std::string("GPU 0: a\nGPU 1: b\n")), (Ids{"0", "1"}));
  EXPECT_EQ(node_gpus(-1, std::nullopt, std::nullopt), Ids{});
  EXPECT_EQ(node_gpus(-1, std::string(""), std::nullopt), Ids{}) << "set but empty: no GPU";
}

TEST(NodeGpus, AnExplicitCountTruncatesOrExtends) {
  EXPECT_EQ(node_gpus(1, std::string("4,5"), std::nullopt), Ids{"4"});
  EXPECT_EQ(node_gpus(3, std::nullopt, std::nullopt), (Ids{"0", "1", "2"}));
  EXPECT_EQ(node_gpus(0, std::string("4,5"), std::nullopt), Ids{});
}

/// A fake `nvidia-smi` first on PATH, and no CUDA_VISIBLE_DEVICES.
class FakeNvidiaSmi {
public:
  explicit FakeNvidiaSmi(const std::string& body)
      : smi_("nvidia-smi", body), visible_("CUDA_VISIBLE_DEVICES", std::nullopt) {}

private:
  test::FakeCommand smi_;
  test::ScopedEnv visible_;
};

TEST(NodeGpus, DetectionRunsNvidiaSmiWithArgvAndNoShell) {
  // "$1" is what the program got: -L as its own argument, not a shell command line.
  const FakeNvidiaSmi smi(R"sh(test "$1" = -L && test $# = 1 || exit 9
echo "GPU 0: A100 (UUID: GPU-1)"
echo "GPU 1: A100 (UUID: GPU-2)")sh");
  EXPECT_EQ(detect_gpus(-1), (Ids{"0", "1"}));
  EXPECT_EQ(detect_gpus(0), Ids{}) << "gpus_per_node 0 does not look";
}

TEST(NodeGpus, AFailingNvidiaSmiMeansNoGpus) {
  const FakeNvidiaSmi smi("echo 'GPU 0: A100'; exit 6");
  EXPECT_EQ(detect_gpus(-1), Ids{});
}

TEST(NodeGpus, AHungNvidiaSmiIsKilledAtItsTimeLimit) {
  // popen() waited for ever here: a wedged driver stalled every worker's start.
  const FakeNvidiaSmi smi("echo 'GPU 0: A100'; exec sleep 600");
  const double start = monotonic_seconds();
  EXPECT_EQ(detect_gpus(-1, 0.5), Ids{});
  EXPECT_LT(monotonic_seconds() - start, 60.0) << "waited for the hung program";
}

TEST(NodeGpus, VisibleDevicesWinWithoutRunningNvidiaSmi) {
  const FakeNvidiaSmi smi("exit 9");
  const test::ScopedEnv visible("CUDA_VISIBLE_DEVICES", std::string("3"));
  EXPECT_EQ(detect_gpus(-1), Ids{"3"});
}

} // namespace
} // namespace hpsearch
