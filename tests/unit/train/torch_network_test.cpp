// The architecture builder (train/torch_network): random genes of every shipped space build
// a torch network whose forward pass has the declared output shape and exactly the
// parameters arch's torch-free count says; mirror layers hold their source's tensors and
// mime layers their own; an unbuildable network fails naming the node; and the trainer
// trains `model: architecture` networks to a real accuracy.
#include "arch/arch_test_util.hpp"
#include "blobs.hpp"
#include "hpsearch/arch/architecture_text.hpp"
#include "hpsearch/arch/space_size.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/train/hyperparameter_catalog.hpp"
#include "hpsearch/train/module_api.hpp"
#include "hpsearch/train/torch_network.hpp"
#include "reusing_cpu_allocator.hpp"

#include <c10/core/CPUAllocator.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

namespace hpsearch::train {
namespace {

const std::string source_dir = HPSEARCH_SOURCE_DIR;

std::int64_t count(const torch::nn::Module& module) {
  std::int64_t n = 0;
  for (const auto& p : module.parameters()) n += p.numel();
  return n;
}

/// `draws` random gene draws of `file`'s space (and its smallest and largest networks,
/// arch/space_size.hpp), each built (weights initialised, as the trainer builds them) and run
/// forward. The networks take their memory from a pool of reused blocks: Auto-Net's reach
/// 87M parameters, and fresh memory's page faults made 1,000 of them take minutes.
void forward_random_draws(const std::string& file, int draws) {
  const test::ReusingCpuAllocator pool;
  const Problem p = load_problem(source_dir + "/" + file);
  const arch::Architecture& a = *p.architecture;
  // A flat declared input takes images of as many values: feed Fashion-MNIST's shape.
  const std::vector<std::int64_t> sample =
      a.input.size() == 1 && a.input[0] == 784 ? std::vector<std::int64_t>{1, 28, 28} : a.input;
  std::vector<std::int64_t> batch_shape = {2};
  batch_shape.insert(batch_shape.end(), sample.begin(), sample.end());
  torch::NoGradGuard no_grad;
  const torch::Tensor x = torch::randn(batch_shape);
  Rng rng(11);
  const arch::SpaceSize size = arch::measure_space(a, 3);
  for (int draw = -2; draw < draws; ++draw) {
    const Config config = draw == -2   ? size.smallest.genes
                          : draw == -1 ? size.largest.genes
                                       : p.space.sample(rng);
    torch::nn::Sequential net = build_architecture(a, config, sample, a.outputs);
    net->eval();
    const torch::Tensor y = net->forward(x);
    ASSERT_EQ(y.sizes().vec(), (std::vector<std::int64_t>{2, a.outputs})) << config.to_string();
    const auto& built = net->ptr<ArchitectureNetImpl>(net->size() - 1);
    ASSERT_EQ(count(*net), built->network().parameters) << config.to_string();
  }
  // Every build after the first found its blocks in the pool (else the pool is not torch's).
  EXPECT_GT(pool.reuses(), pool.allocations() / 2)
      << pool.reuses() << " of " << pool.allocations() << " blocks reused";
}

TEST(TorchNetwork, DenseSkipRandomDrawsForwardToTheDeclaredShape) {
  forward_random_draws("configs/nas_dense_skip.yaml", 1000);
}
TEST(TorchNetwork, CellRandomDrawsForwardToTheDeclaredShape) {
  forward_random_draws("configs/nas_cells_fashion_mnist.yaml", 1000);
}
TEST(TorchNetwork, AutoNetRandomDrawsForwardToTheDeclaredShape) {
  forward_random_draws("configs/nas_automl_net.yaml", 1000);
}

// The pool the property tests build in: a freed block serves the next tensor of its size,
// raw allocations (conv's buffers) work, and a tensor outliving the scope stays valid.
TEST(TorchNetwork, ReusingAllocatorServesFreedBlocksAgain) {
  torch::Tensor survivor;
  {
    const test::ReusingCpuAllocator pool;
    const void* first = torch::ones({1000, 1000}).data_ptr();
    const torch::Tensor again = torch::zeros({1000, 1000});
    EXPECT_EQ(again.data_ptr(), first);
    EXPECT_EQ(pool.reuses(), 1u);
    EXPECT_EQ(pool.allocations(), 2u);
    c10::Allocator& raw = *c10::GetCPUAllocator();
    void* buffer = raw.raw_allocate(64);
    raw.raw_deallocate(buffer);
    survivor = torch::full({3}, 7.0);
  }
  EXPECT_TRUE(torch::equal(survivor, torch::full({3}, 7.0)));
}

TEST(TorchNetwork, MirrorSharesTheTensorMimeHasItsOwn) {
  const auto a =
      test::graph({8}, 2,
                  {test::node("a", {test::dense(8), test::dense(8, arch::Activation::tanh)}),
                   test::node("b", {}, arch::NodeKind::mirror, "a"),
                   test::node("c", {}, arch::NodeKind::mime, "a")});
  ArchitectureNet net(arch::decode_network(a, Config{}));
  std::map<std::string, std::size_t> dense_of;
  const auto& layers = net->network().layers;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    if (layers[i].kind == arch::LayerKind::dense) dense_of[layers[i].node] = i;
  }
  const auto weight = [&](const std::string& node) {
    return net->weights_of(dense_of.at(node))->named_parameters()["weight"];
  };
  EXPECT_EQ(weight("b").data_ptr(), weight("a").data_ptr());
  EXPECT_NE(weight("c").data_ptr(), weight("a").data_ptr());
  // a, c and the head own weights; b adds none: 3 x (8*8 + 8) + (8*2 + 2).
  EXPECT_EQ(count(*net), 2 * (8 * 8 + 8) + (8 * 2 + 2));
  // One optimiser step through the mirror moves the shared tensor.
  const torch::Tensor before = weight("a").clone();
  torch::optim::SGD sgd(net->parameters(), torch::optim::SGDOptions(0.1));
  net->forward(torch::randn({4, 8})).sum().backward();
  sgd.step();
  EXPECT_FALSE(torch::equal(before, weight("a")));
  EXPECT_TRUE(torch::equal(weight("a"), weight("b")));
}

TEST(TorchNetwork, UnbuildableNetworkFailsNamingTheNode) {
  const auto a = test::graph({1, 4, 4}, 2,
                             {test::node("p1", {test::pool(2)}), test::node("p2", {test::pool(2)}),
                              test::node("p3", {test::pool(2)})});
  try {
    build_architecture(a, Config{}, {1, 4, 4}, 2);
    FAIL() << "built";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("node 'p3'"), std::string::npos) << e.what();
  }
  try {
    build_architecture(test::graph({5}, 2, {test::node("d", {test::dense(4)})}), Config{}, {3}, 4);
    FAIL() << "built";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("architecture.input [5]"), std::string::npos) << e.what();
  }
}

TEST(TorchNetwork, TrainerTrainsAnArchitectureToARealAccuracy) {
  // Blobs (3 features, 4 classes): a 2-node graph with a skip connection.
  const auto a = test::graph(
      {3}, 4,
      {test::node("n1", {test::dense(16), test::dense(4)}), test::node("n2", {test::dense(16)})},
      2);
  TrainerOptions options;
  options.model = "architecture";
  options.architecture = arch::to_text(a);
  auto trainer = make_torch_trainer(test::blobs(800, 3), options);
  TorchSpec spec;
  spec.model = "architecture";
  spec.fixed = {{"epochs", Value{std::int64_t{5}}}, {"lr", Value{0.01}}};
  Config point;
  point.set("arch.n1.op", std::string("dense 16 relu"));
  point.set("arch.n2.skip1", std::int64_t{1});
  Job job;
  job.config = torch_hyperparameters_for(spec, point);
  ASSERT_NE(job.config.find("arch.n2.skip1"), nullptr) << job.config.to_string();
  job.seed = 5;
  const Outcome outcome = trainer->train(job, "", {}, {});
  ASSERT_EQ(outcome.status, Status::ok) << outcome.message;
  EXPECT_GT(outcome.objective, 0.9) << outcome.message;

  // An unbuildable choice fails the job before training, naming the node.
  const auto pooled = test::graph({3}, 4, {test::node("p", {test::pool(2)})});
  options.architecture = arch::to_text(pooled);
  auto bad = make_torch_trainer(test::blobs(80, 3), options);
  Job bad_job;
  bad_job.config = torch_hyperparameters_for(spec, Config{});
  const Outcome failed = bad->train(bad_job, "", {}, {});
  EXPECT_EQ(failed.status, Status::failed);
  EXPECT_NE(failed.message.find("node 'p'"), std::string::npos) << failed.message;
}

} // namespace
} // namespace hpsearch::train
