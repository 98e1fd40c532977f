// Decoding genes into networks: shapes, parameter counts, projections, mirrors and mimes,
// unbuildable networks named by node, the text form, and the space's measure.
#include "arch/arch_test_util.hpp"
#include "hpsearch/arch/architecture_text.hpp"
#include "hpsearch/arch/genes.hpp"
#include "hpsearch/arch/network.hpp"
#include "hpsearch/arch/space_size.hpp"
#include "hpsearch/core/error.hpp"

#include <gtest/gtest.h>

namespace hpsearch {
namespace {

using arch::LayerKind;
using test::dense;
using test::graph;
using test::node;

std::string error_of(const arch::Architecture& a, const Config& genes) {
  try {
    arch::decode_network(a, genes);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    return e.what();
  }
  ADD_FAILURE() << "built";
  return {};
}

TEST(ArchNetwork, CountsParametersByHand) {
  // input 4 -> dense 3 (relu) -> head dense 2: (4*3 + 3) + (3*2 + 2) = 23.
  const auto a = graph({4}, 2, {node("n1", {dense(3)})});
  const arch::Network net = arch::decode_network(a, Config{});
  EXPECT_EQ(net.parameters, 23);
  EXPECT_EQ(net.layers.back().shape, (std::vector<std::int64_t>{2}));
  EXPECT_EQ(net.layers.back().node, "head");
}

TEST(ArchNetwork, GenesChooseOpsAndSkips) {
  const auto a = graph({4}, 2, {node("n1", {dense(8), dense(6)}), node("n2", {dense(8)})}, 2);
  const auto genes = arch::architecture_genes(a);
  std::vector<std::string> names;
  for (const Parameter& g : genes) names.push_back(g.name);
  // n1 has two ops (a gene) and no earlier output to skip from; n2 one op (no gene) and one
  // candidate (the input, two back).
  EXPECT_EQ(names, (std::vector<std::string>{"arch.n1.op", "arch.n2.skip1"}));

  Config genes_on;
  genes_on.set("arch.n1.op", std::string("dense 6 relu"));
  genes_on.set("arch.n2.skip1", std::int64_t{1});
  const arch::Network net = arch::decode_network(a, genes_on);
  // The input (width 4) is added to n2's output (width 8) through a learned projection.
  bool projected = false;
  for (const arch::Layer& l : net.layers) {
    if (l.node == "n2.skip1" && l.kind == LayerKind::dense) {
      projected = true;
      EXPECT_EQ(l.parameters, 4 * 8 + 8);
    }
  }
  EXPECT_TRUE(projected) << arch::describe(net);
  // 4->6, 6->8, projection 4->8, head 8->2.
  EXPECT_EQ(net.parameters, (4 * 6 + 6) + (6 * 8 + 8) + (4 * 8 + 8) + (8 * 2 + 2));

  Config off = genes_on;
  off.set("arch.n2.skip1", std::int64_t{0});
  EXPECT_EQ(arch::decode_network(a, off).parameters, (4 * 6 + 6) + (6 * 8 + 8) + (8 * 2 + 2));
}

TEST(ArchNetwork, ConcatMergeWidensWithoutProjection) {
  auto a = graph({4}, 2, {node("n1", {dense(8)}), node("n2", {dense(8)})}, 2);
  std::get<arch::GraphSpace>(a.space).merge = arch::Merge::concat;
  Config genes;
  genes.set("arch.n2.skip1", std::int64_t{1});
  const arch::Network net = arch::decode_network(a, genes);
  EXPECT_EQ(net.layers[net.layers.size() - 2].shape, (std::vector<std::int64_t>{12}));
}

TEST(ArchNetwork, MirrorSharesItsSourceWeightsAndMimeDoesNot) {
  const auto a =
      graph({8}, 2,
            {node("a", {dense(8), dense(8, arch::Activation::tanh)}),
             node("b", {}, arch::NodeKind::mirror, "a"), node("c", {}, arch::NodeKind::mime, "a")});
  Config genes;
  genes.set("arch.a.op", std::string("dense 8 tanh"));
  const arch::Network net = arch::decode_network(a, genes);
  std::vector<std::size_t> a_dense, b_dense, c_dense;
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    const arch::Layer& l = net.layers[i];
    if (l.kind != LayerKind::dense) continue;
    if (l.node == "a") a_dense.push_back(i);
    if (l.node == "b") b_dense.push_back(i);
    if (l.node == "c") c_dense.push_back(i);
  }
  ASSERT_EQ(a_dense.size(), 1u);
  ASSERT_EQ(b_dense.size(), 1u);
  ASSERT_EQ(c_dense.size(), 1u);
  EXPECT_EQ(net.layers[b_dense[0]].shares, a_dense[0]);
  EXPECT_EQ(net.layers[b_dense[0]].parameters, 0);
  EXPECT_FALSE(net.layers[c_dense[0]].shares.has_value());
  EXPECT_EQ(net.layers[c_dense[0]].parameters, 8 * 8 + 8);
  // The mime follows its source's choice (tanh), with its own weights.
  EXPECT_EQ(net.layers[c_dense[0] + 1].activation, arch::Activation::tanh);
}

TEST(ArchNetwork, PoolingBelowOneByOneFailsNamingTheNode) {
  const auto a = graph(
      {1, 4, 4}, 2,
      {node("p1", {test::pool(2)}), node("p2", {test::pool(2)}), node("p3", {test::pool(2)})});
  const std::string message = error_of(a, Config{});
  EXPECT_NE(message.find("node 'p3'"), std::string::npos) << message;
  EXPECT_NE(message.find("below 1x1"), std::string::npos) << message;
}

TEST(ArchNetwork, MirrorWhoseInputDoesNotFitFailsNamingTheNode) {
  const auto a = graph(
      {4}, 2,
      {node("a", {dense(8)}), node("w", {dense(16)}), node("m", {}, arch::NodeKind::mirror, "a")});
  const std::string message = error_of(a, Config{});
  EXPECT_NE(message.find("node 'm'"), std::string::npos) << message;
  EXPECT_NE(message.find("'a'"), std::string::npos) << message;
}

TEST(ArchNetwork, ConvOnAFlatInputFailsNamingTheNode) {
  arch::Op conv;
  conv.kind = arch::OpKind::conv;
  conv.units = 4;
  conv.kernel = 3;
  const auto a = graph({10}, 2, {node("c1", {conv})});
  const std::string message = error_of(a, Config{});
  EXPECT_NE(message.find("node 'c1'"), std::string::npos) << message;
}

TEST(ArchNetwork, AGeneValueOutsideTheSpaceIsRefused) {
  const auto a = graph({4}, 2, {node("n1", {dense(8), dense(6)})});
  Config genes;
  genes.set("arch.n1.op", std::string("dense 7 relu"));
  EXPECT_NE(error_of(a, genes).find("arch.n1.op"), std::string::npos);
}

TEST(ArchNetwork, MalformedSpacesAreRefusedNamingTheNode) {
  const auto check = [](const arch::Architecture& a, const std::string& part) {
    try {
      arch::check_architecture(a);
      ADD_FAILURE() << "accepted; expected " << part;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
    }
  };
  check(graph({4}, 2, {node("a", {dense(8)}), node("a", {dense(8)})}), "node 'a'");
  check(graph({4}, 2, {node("m", {}, arch::NodeKind::mirror, "later"), node("later", {dense(8)})}),
        "node 'm'");
  check(graph({4}, 2, {node("v", {dense(8), dense(8)})}), "listed twice");
  check(graph({4}, 2,
              {node("c", {dense(8)}, arch::NodeKind::constant),
               node("x", {}, arch::NodeKind::mime, "c")}),
        "node 'x'");
  check(graph({4}, 2, {node("bad-name", {dense(8)})}), "node 'bad-name'");
}

TEST(ArchNetwork, TextRoundTripIsExact) {
  auto a = graph({1, 8, 8}, 3,
                 {node("a", {test::pool(2), dense(5, arch::Activation::selu)}),
                  node("b", {}, arch::NodeKind::mirror, "a")},
                 1);
  std::get<arch::GraphSpace>(a.space).nodes[0].ops[0].rate = 0.1;
  const std::string text = arch::to_text(a);
  EXPECT_EQ(arch::to_text(arch::architecture_from_text(text)), text);
}

TEST(ArchSpaceSize, SmallSpacesAreEnumeratedExactly) {
  const auto a =
      graph({4}, 2, {node("n1", {dense(8), dense(2)}), node("n2", {dense(8), dense(4)})});
  const arch::SpaceSize size = arch::measure_space(a, 1);
  EXPECT_TRUE(size.exact);
  EXPECT_EQ(size.genes, 2u);
  EXPECT_EQ(size.networks, 4.0);
  EXPECT_EQ(size.tried, 4u);
  // Smallest: 4->2->4->2 = 10 + 12 + 10; largest: 4->8->8->2 = 40 + 72 + 18.
  EXPECT_EQ(size.smallest.parameters, 10 + 12 + 10);
  EXPECT_EQ(size.largest.parameters, 40 + 72 + 18);
}

} // namespace
} // namespace hpsearch
