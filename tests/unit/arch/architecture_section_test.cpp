// `architecture:` in a problem file: the shipped spaces compile, their random genes always
// decode to a network with the declared output, and bad sections fail with located messages.
#include "arch/arch_test_util.hpp"
#include "config/config_test_util.hpp"
#include "hpsearch/arch/genes.hpp"
#include "hpsearch/arch/network.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/config/problem_summary.hpp"
#include "hpsearch/core/rng.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

const std::string source_dir = HPSEARCH_SOURCE_DIR;

std::string problem_with(const std::string& architecture, const std::string& space = "",
                         const std::string& objective = "{kind: command, command: \"true\"}") {
  return "space:\n  x: {type: real, low: 0, high: 1}\n" + space + "architecture:\n" + architecture +
         "objective: " + objective + "\n";
}

TEST(ArchitectureSection, ShippedSpacesCompileToArchGenes) {
  for (const std::string& file : test::shipped_spaces()) {
    SCOPED_TRACE(file);
    const Problem p = load_problem(source_dir + "/" + file);
    ASSERT_TRUE(p.architecture.has_value());
    const auto genes = arch::architecture_genes(*p.architecture);
    ASSERT_FALSE(genes.empty());
    for (const Parameter& gene : genes) {
      EXPECT_TRUE(arch::is_gene_name(gene.name)) << gene.name;
      EXPECT_NE(p.space.find(gene.name), nullptr) << gene.name;
    }
    EXPECT_EQ(p.objective.torch.model, "architecture");
    EXPECT_FALSE(p.objective.torch.architecture.empty());
  }
}

TEST(ArchitectureSection, DenseSkipSpaceIsDeepHypers) {
  const Problem p = load_problem(source_dir + "/configs/nas_dense_skip.yaml");
  const auto& g = p.architecture->graph();
  ASSERT_EQ(g.nodes.size(), 10u);
  EXPECT_EQ(g.nodes[0].ops.size(), 1u + 6u * 5u); // identity + 6 widths x 5 activations
  EXPECT_EQ(g.anchors, 3);
  const auto genes = arch::architecture_genes(*p.architecture);
  // 10 op genes, and skips: 0, 1, 2, then 3 for each of the last 7 nodes.
  EXPECT_EQ(genes.size(), 10u + 0u + 1u + 2u + 7u * 3u);
}

// The property test of issue 18: 1,000 random gene draws per shipped space each decode to a
// network whose output has the declared shape (train's torch test runs the forward pass).
TEST(ArchitectureSection, RandomGenesAlwaysDecodeToTheDeclaredOutput) {
  for (const std::string& file : test::shipped_spaces()) {
    SCOPED_TRACE(file);
    const Problem p = load_problem(source_dir + "/" + file);
    Rng rng(7);
    for (int draw = 0; draw < 1000; ++draw) {
      const Config config = p.space.sample(rng);
      const arch::Network net = arch::decode_network(*p.architecture, config);
      ASSERT_EQ(net.layers.back().shape, (std::vector<std::int64_t>{p.architecture->outputs}))
          << config.to_string();
      for (std::size_t i = 1; i < net.layers.size(); ++i) {
        for (const std::size_t in : net.layers[i].inputs) ASSERT_LT(in, i);
      }
    }
  }
}

TEST(ArchitectureSection, ValidateSummaryPrintsGenesAndExtremes) {
  const Problem p = load_problem(source_dir + "/configs/nas_dense_skip.yaml");
  const std::string summary = format_problem_summary(p);
  EXPECT_NE(summary.find("architecture: graph of 10 nodes"), std::string::npos) << summary;
  EXPECT_NE(summary.find("genes: 34 (arch.*)"), std::string::npos) << summary;
  EXPECT_NE(summary.find("smallest network: "), std::string::npos) << summary;
  EXPECT_NE(summary.find("largest network: "), std::string::npos) << summary;
}

TEST(ArchitectureSection, ArchPrefixIsReservedForGenes) {
  const std::string message = test::error_of(
      problem_with("  input: [4]\n  outputs: 2\n  graph: {nodes: [{name: n, variable: "
                   "[identity]}]}\n",
                   "  arch.lr: {type: real, low: 0, high: 1}\n"));
  EXPECT_NE(message.find("space.arch.lr"), std::string::npos) << message;
  EXPECT_NE(message.find("reserved"), std::string::npos) << message;
}

// Without an architecture section, arch.* names the user's own architecture parameters (a
// command objective that builds its network, searched by agebo).
TEST(ArchitectureSection, WithoutAnArchitectureArchNamesAreTheUsers) {
  const Problem p = parse_problem("space:\n  arch.layers: {type: int, low: 1, high: 4}\n"
                                  "objective: {kind: function, name: sphere}\n",
                                  "p.yaml");
  EXPECT_FALSE(p.architecture.has_value());
  EXPECT_NE(p.space.find("arch.layers"), nullptr);
  // The trainer's own models know no such hyperparameter: refused by its catalog.
  const std::string message = test::error_of("space:\n  arch.layers: {type: int, low: 1, high: 4}\n"
                                             "objective: {kind: torch, model: mlp}\n");
  EXPECT_NE(message.find("unknown hyperparameter 'arch.layers' for model mlp"), std::string::npos)
      << message;
}

TEST(ArchitectureSection, GenesJoinTheSpaceAfterTheHyperparameters) {
  const Problem p = parse_problem(problem_with("  input: [4]\n  outputs: 2\n  graph:\n"
                                               "    nodes:\n"
                                               "      - {name: n, repeat: 2, variable: [identity, "
                                               "{dense: {units: [8, 16]}}]}\n"),
                                  "p.yaml");
  std::vector<std::string> names;
  for (const Parameter& q : p.space.parameters()) names.push_back(q.name);
  EXPECT_EQ(names, (std::vector<std::string>{"x", "arch.n1.op", "arch.n2.op"}));
  EXPECT_EQ(p.space.find("arch.n2.op")->cardinality(), 3u);
}

TEST(ArchitectureSection, BadSectionsFailLocated) {
  const auto fails_with = [](const std::string& text, const std::string& part) {
    const std::string message = test::error_of(text);
    EXPECT_NE(message.find(part), std::string::npos) << message;
  };
  fails_with(problem_with("  input: [4]\n  outputs: 2\n"), "exactly one of graph and cells");
  fails_with(problem_with("  input: [4]\n  outputs: 2\n  graph: {nodes: [{name: a, variable: "
                          "[{dense: {units: 0}}]}]}\n"),
             "architecture.graph.nodes.0.variable.0.dense.units");
  fails_with(problem_with("  input: [4]\n  outputs: 2\n  graph: {nodes: [{name: a, variable: "
                          "[{dense: {unit: 8}}]}]}\n"),
             "did you mean 'units'");
  fails_with(problem_with("  input: [4]\n  outputs: 2\n  graph: {nodes: [{name: m, mirror: z}]}\n"),
             "node 'm'");
  fails_with(problem_with("  input: [4]\n  outputs: 2\n  cells: {ops: [identity]}\n"),
             "image input");
  fails_with(problem_with("  input: [1, 8, 8]\n  outputs: 2\n  cells: {ops: [{dense: {units: "
                          "4}}]}\n"),
             "a cell op is identity, zero, conv, maxpool or avgpool");
}

TEST(ArchitectureSection, TorchObjectiveTrainsTheArchitecture) {
  const std::string graph = "  input: [784]\n  outputs: 10\n  graph: {nodes: [{name: a, "
                            "variable: [{dense: {units: 8}}]}]}\n";
  const std::string with_mlp =
      "space:\n  lr: {type: real, low: 0.001, high: 0.1}\narchitecture:\n" + graph +
      "objective: {kind: torch, model: mlp}\n";
  EXPECT_NE(test::error_of(with_mlp).find("model: architecture"), std::string::npos);
  const std::string without =
      "space:\n  lr: {type: real, low: 0.001, high: 0.1}\nobjective: {kind: torch, model: "
      "architecture}\n";
  EXPECT_NE(test::error_of(without).find("needs an `architecture:` section"), std::string::npos);
  // Network-shaping hyperparameters belong to the architecture, not the space.
  const std::string shaping = "space:\n  dropout: {type: real, low: 0, high: 0.5}\n"
                              "architecture:\n" +
                              graph + "objective: {kind: torch, model: architecture}\n";
  EXPECT_NE(test::error_of(shaping).find("dropout"), std::string::npos);
}

} // namespace
} // namespace hpsearch
