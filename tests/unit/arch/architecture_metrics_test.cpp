// The architecture metrics (arch/architecture_metrics.hpp): declared once per problem, added
// to a job's metadata without losing the job's own members.
#include "hpsearch/arch/architecture_metrics.hpp"
#include "hpsearch/config/problem.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

arch::Network small_network() {
  arch::Network n;
  n.parameters = 1234;
  n.flops = 56789;
  return n;
}

TEST(ArchitectureMetrics, EmptyMetadataGetsBoth) {
  EXPECT_EQ(arch::with_architecture_metrics("", small_network()),
            R"({"arch_params": 1234, "arch_flops": 56789})");
  EXPECT_EQ(arch::with_architecture_metrics("  {  } ", small_network()),
            R"({"arch_params": 1234, "arch_flops": 56789})");
}

TEST(ArchitectureMetrics, TheJobsMembersFollow) {
  EXPECT_EQ(arch::with_architecture_metrics(R"({"train_loss": 0.5, "s": "}"})", small_network()),
            R"({"arch_params": 1234, "arch_flops": 56789, "train_loss": 0.5, "s": "}"})");
}

TEST(ArchitectureMetrics, AJobsOwnValueOrNonObjectIsKept) {
  const std::string own = R"({"arch_params": 7})";
  EXPECT_EQ(arch::with_architecture_metrics(own, small_network()), own);
  EXPECT_EQ(arch::with_architecture_metrics("[1, 2]", small_network()), "[1, 2]");
  EXPECT_EQ(arch::with_architecture_metrics("not json", small_network()), "not json");
}

TEST(ArchitectureMetrics, DeclaredOnceAfterTheUsersMetrics) {
  std::vector<std::string> metrics = {"loss", "arch_flops"};
  arch::declare_architecture_metrics(metrics);
  EXPECT_EQ(metrics, (std::vector<std::string>{"loss", "arch_flops", "arch_params"}));
}

TEST(ArchitectureMetrics, AProblemWithAnArchitectureDeclaresThem) {
  const std::string with = R"(
space:
  lr: {type: real, low: 0.0, high: 1.0}
architecture:
  input: [6]
  outputs: 3
  graph:
    nodes:
      - {name: a, variable: [identity, {dense: {units: [4], activation: [relu]}}]}
objective: {kind: command, command: [echo, "1"]}
metrics: [loss]
)";
  EXPECT_EQ(parse_problem(with, "p.yaml").metrics,
            (std::vector<std::string>{"loss", "arch_params", "arch_flops"}));
  const std::string without = R"(
space:
  lr: {type: real, low: 0.0, high: 1.0}
objective: {kind: command, command: [echo, "1"]}
)";
  EXPECT_TRUE(parse_problem(without, "p.yaml").metrics.empty());
}

} // namespace
} // namespace hpsearch
