// The trainer's saved training state: a trial trained 3 epochs, paused, and continued to 9
// by another job (another seed: its own generators must not matter) ends bitwise where one
// job training 9 epochs straight ends; pausing ends at the epoch's end with the state
// saved; a job may continue a state with other optimiser settings, batch size and dropout
// (population-based training); missing, damaged or foreign states fail the job naming the
// file. On the Fashion-MNIST fixture the trainer tests use (skipped without it) and a
// generated table.
#include "blobs.hpp"
#include "have_fashion.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/train/hyperparameter_catalog.hpp"
#include "hpsearch/train/module_api.hpp"
#include "hpsearch/train/split.hpp"
#include "hpsearch/train/training_state.hpp"
#include "temp_dir.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <map>
#include <torch/serialize/input-archive.h>
#include <torch/torch.h>

namespace hpsearch::train {
namespace {

namespace fs = std::filesystem;

using test::have_fashion;

/// 2,500 Fashion-MNIST images, 2,000 to train on.
Split fashion_subset() {
  DataSpec spec;
  spec.subset = 2500;
  spec.validation_fraction = 0.2;
  return load_split(spec);
}

using test::blobs;

/// An MLP with every kind of state: dropout (the generator), batch norm (buffers), Adam
/// (moments and step counts), a cosine schedule (the horizon), 9 epochs.
Config stateful_mlp(std::int64_t units = 64) {
  TorchSpec spec;
  spec.fixed = {{"epochs", std::int64_t{9}},
                {"layers", std::int64_t{2}},
                {"units", units},
                {"dropout", 0.3},
                {"batch_norm", true},
                {"optimizer", std::string("adam")},
                {"lr", 3e-3},
                {"lr_schedule", std::string("cosine")},
                {"batch_size", std::int64_t{64}}};
  return torch_hyperparameters_for(spec, Config{});
}

Job trial_job(const Config& config, double from, double to, std::uint64_t seed) {
  Job job;
  job.id = static_cast<JobId>(seed);
  job.trial = 5;
  job.config = config;
  job.seed = seed;
  job.from_fidelity = from;
  job.fidelity = to;
  return job;
}

struct PausingCurve {
  std::vector<EpochResult> epochs;
  int pause_at = 0; ///< > 0: answer pause after that epoch
  EpochCallback callback() {
    return [this](const EpochResult& e) {
      epochs.push_back(e);
      return e.epoch == pause_at ? ReportDecision::pause : ReportDecision::proceed;
    };
  }
};

/// Every tensor and plain value of an archive, by path ("model/0/weight"), sub-archives
/// flattened.
struct Flat {
  std::map<std::string, torch::Tensor> tensors;
  std::map<std::string, c10::IValue> values;
};

void flatten(torch::serialize::InputArchive& archive, const std::string& prefix, Flat& flat) {
  for (const std::string& key : archive.keys()) {
    torch::Tensor tensor;
    torch::serialize::InputArchive sub;
    c10::IValue value;
    if (archive.try_read(key, tensor)) {
      flat.tensors[prefix + key] = tensor;
    } else if (archive.try_read(key, sub)) {
      flatten(sub, prefix + key + "/", flat);
    } else if (archive.try_read(key, value)) {
      flat.values[prefix + key] = value;
    } else {
      ADD_FAILURE() << "unreadable key " << prefix << key;
    }
  }
}

/// LibTorch's optimiser archive names each parameter's state by the address of the
/// parameter in the process that saved it ("optimizer/state/0x55.../exp_avg") and lists the
/// addresses in order under param_groups/.../params/<i> (loading maps them by that order).
/// Replaces each address with its position, so that two processes' states compare.
Flat canonical(const std::string& file) {
  torch::serialize::InputArchive archive;
  archive.load_from(file);
  Flat raw;
  flatten(archive, "", raw);
  std::map<std::string, std::string> position;
  for (auto& [key, value] : raw.values) {
    const auto at = key.rfind("/params/");
    if (at == std::string::npos || !value.isString()) continue;
    const std::string index = key.substr(at + 8);
    position[value.toStringRef()] = "param" + index;
    value = c10::IValue(std::string("param" + index));
  }
  const auto rename = [&position](std::string key) {
    for (const auto& [address, name] : position) {
      const auto at = key.find("/" + address + "/");
      if (at != std::string::npos) key.replace(at + 1, address.size(), name);
    }
    return key;
  };
  Flat flat;
  for (auto& [key, tensor] : raw.tensors) flat.tensors[rename(key)] = tensor;
  for (auto& [key, value] : raw.values) flat.values[rename(key)] = value;
  return flat;
}

/// Every tensor (dtype, shape, bits) and value of two saved states agree; returns the
/// number of tensors compared.
int expect_same_states(const std::string& a_file, const std::string& b_file) {
  const Flat a = canonical(a_file);
  const Flat b = canonical(b_file);
  std::vector<std::string> a_keys;
  std::vector<std::string> b_keys;
  for (const auto& entry : a.tensors) a_keys.push_back(entry.first);
  for (const auto& entry : b.tensors) b_keys.push_back(entry.first);
  EXPECT_EQ(a_keys, b_keys);
  for (const auto& [key, x] : a.tensors) {
    const auto other = b.tensors.find(key);
    if (other == b.tensors.end()) continue;
    const torch::Tensor& y = other->second;
    EXPECT_TRUE(x.dtype() == y.dtype() && x.sizes() == y.sizes() && torch::equal(x, y))
        << key << " differs";
  }
  EXPECT_EQ(a.values.size(), b.values.size());
  for (const auto& [key, u] : a.values) {
    const auto other = b.values.find(key);
    EXPECT_TRUE(other != b.values.end() && u == other->second)
        << key << ": " << u << " vs " << (other != b.values.end() ? other->second : c10::IValue());
  }
  return static_cast<int>(a.tensors.size());
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

void expect_pause_and_resume_equal_straight(Split data) {
  auto trainer = make_torch_trainer(std::move(data), TrainerOptions{});
  const Config config = stateful_mlp();
  const test::TempDir root("hps_state");
  const std::string straight_dir = root.file("straight");
  const std::string paused_dir = root.file("paused");
  const std::string asked_dir = root.file("asked");

  PausingCurve straight;
  const Outcome nine =
      trainer->train(trial_job(config, 0, 9, 11), straight_dir, straight.callback(), {});
  ASSERT_EQ(nine.status, Status::ok) << nine.message;
  ASSERT_EQ(straight.epochs.size(), 9u);
  EXPECT_EQ(files_in(straight_dir), std::vector<std::string>{"torch-epoch-9.pt"});

  // A job to fidelity 3 (a rung), then another job, with another seed, from 3 to 9.
  PausingCurve first;
  const Outcome three =
      trainer->train(trial_job(config, 0, 3, 11), paused_dir, first.callback(), {});
  ASSERT_EQ(three.status, Status::ok) << three.message;
  EXPECT_EQ(files_in(paused_dir), std::vector<std::string>{"torch-epoch-3.pt"});
  PausingCurve rest;
  const Outcome resumed =
      trainer->train(trial_job(config, 3, 9, 12), paused_dir, rest.callback(), {});
  ASSERT_EQ(resumed.status, Status::ok) << resumed.message;
  ASSERT_EQ(rest.epochs.size(), 6u);
  // The state it started from stays (a re-run of this job needs it); older ones go.
  EXPECT_EQ(files_in(paused_dir),
            (std::vector<std::string>{"torch-epoch-3.pt", "torch-epoch-9.pt"}));

  // The search pauses a job to 9 after epoch 3; another job continues it.
  PausingCurve asked;
  asked.pause_at = 3;
  const Outcome paused =
      trainer->train(trial_job(config, 0, 9, 11), asked_dir, asked.callback(), {});
  ASSERT_EQ(paused.status, Status::ok) << paused.message;
  EXPECT_EQ(asked.epochs.size(), 3u); // ended at the epoch's end: nothing more trained
  EXPECT_NE(paused.message.find("paused after epoch 3"), std::string::npos) << paused.message;
  EXPECT_EQ(files_in(asked_dir), std::vector<std::string>{"torch-epoch-3.pt"});
  PausingCurve asked_rest;
  const Outcome continued =
      trainer->train(trial_job(config, 3, 9, 13), asked_dir, asked_rest.callback(), {});
  ASSERT_EQ(continued.status, Status::ok) << continued.message;

  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(first.epochs[i].metric, straight.epochs[i].metric) << "epoch " << i + 1;
    EXPECT_EQ(asked.epochs[i].metric, straight.epochs[i].metric) << "epoch " << i + 1;
  }
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(rest.epochs[i].epoch, static_cast<int>(i) + 4);
    EXPECT_EQ(rest.epochs[i].metric, straight.epochs[i + 3].metric) << "epoch " << i + 4;
    EXPECT_EQ(rest.epochs[i].train_loss, straight.epochs[i + 3].train_loss) << "epoch " << i + 4;
    EXPECT_EQ(asked_rest.epochs[i].metric, straight.epochs[i + 3].metric) << "epoch " << i + 4;
  }
  EXPECT_EQ(resumed.objective, nine.objective);
  EXPECT_EQ(continued.objective, nine.objective);
  // Bitwise: every parameter, buffer, optimiser moment, generator state and counter.
  const std::string straight_file = straight_dir + "/torch-epoch-9.pt";
  const int tensors = expect_same_states(straight_file, paused_dir + "/torch-epoch-9.pt");
  expect_same_states(straight_file, asked_dir + "/torch-epoch-9.pt");
  EXPECT_GE(tensors, 20); // 3 linear + 2 batch norm layers, their Adam moments, 2 generators
  std::cout << "[ info ] " << tensors << " tensors bitwise equal after 3 + 6 and 9 epochs; "
            << resumed.message << "\n";
}

TEST(TrainingState, PauseAt3AndResumeTo9IsBitwiseNineStraightOnFashionMnist) {
  if (!have_fashion()) GTEST_SKIP() << "dataset-fashion-mnist is not installed";
  expect_pause_and_resume_equal_straight(fashion_subset());
}

TEST(TrainingState, PauseAt3AndResumeTo9IsBitwiseNineStraightOnATable) {
  expect_pause_and_resume_equal_straight(blobs(600, 3));
}

/// The job's final_best objective counts the epochs of earlier jobs of its trial.
TEST(TrainingState, FinalBestSpansThePausedEpochs) {
  TrainerOptions options;
  options.final_best = true;
  options.metric = "loss";
  auto trainer = make_torch_trainer(blobs(200, 4), options);
  const test::TempDir root("hps_state");
  const Config config = stateful_mlp(8);
  PausingCurve first;
  ASSERT_EQ(trainer->train(trial_job(config, 0, 2, 1), root.file("t"), first.callback(), {}).status,
            Status::ok);
  // The objective is the best loss of the whole trial, whichever job reached it.
  PausingCurve rest;
  const Outcome outcome =
      trainer->train(trial_job(config, 2, 4, 2), root.file("t"), rest.callback(), {});
  ASSERT_EQ(outcome.status, Status::ok) << outcome.message;
  double best = first.epochs[0].metric;
  for (const auto& e : first.epochs) best = std::min(best, e.metric);
  for (const auto& e : rest.epochs) best = std::min(best, e.metric);
  EXPECT_EQ(outcome.objective, best);
}

void expect_failed_naming(const Outcome& outcome, const std::vector<std::string>& fragments) {
  EXPECT_EQ(outcome.status, Status::failed) << outcome.message;
  for (const std::string& fragment : fragments) {
    EXPECT_NE(outcome.message.find(fragment), std::string::npos)
        << "message: " << outcome.message << "\nexpected: " << fragment;
  }
}

TEST(TrainingState, MissingDamagedOrForeignStatesFailTheJobNamingTheFile) {
  auto trainer = make_torch_trainer(blobs(200, 5), TrainerOptions{});
  const test::TempDir root("hps_state");
  const std::string dir = root.file("trial-5");
  const Config config = stateful_mlp(8);

  expect_failed_naming(trainer->train(trial_job(config, 2, 4, 1), dir, {}, {}),
                       {dir + "/torch-epoch-2.pt", "no saved training state"});
  expect_failed_naming(trainer->train(trial_job(config, 2, 4, 1), "", {}, {}),
                       {"trial 5", "from epoch 2", "no state directory"});
  expect_failed_naming(trainer->train(trial_job(config, 1.5, 4, 1), dir, {}, {}),
                       {"from_fidelity 1.5", "whole number"});
  expect_failed_naming(trainer->train(trial_job(config, 4, 4, 1), dir, {}, {}),
                       {"from epoch 4 to epoch 4"});

  ASSERT_EQ(trainer->train(trial_job(config, 0, 2, 1), dir, {}, {}).status, Status::ok);
  // Another configuration (other layer widths) cannot continue this trial's state.
  expect_failed_naming(trainer->train(trial_job(stateful_mlp(16), 2, 4, 1), dir, {}, {}),
                       {dir + "/torch-epoch-2.pt", "another configuration"});
  // A state file renamed to another epoch says so.
  fs::copy_file(dir + "/torch-epoch-2.pt", dir + "/torch-epoch-3.pt");
  expect_failed_naming(trainer->train(trial_job(config, 3, 4, 1), dir, {}, {}),
                       {dir + "/torch-epoch-3.pt", "holds epoch 2, not 3"});
  // A damaged file.
  std::string bytes;
  {
    std::ifstream in(dir + "/torch-epoch-2.pt", std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  {
    std::ofstream out(dir + "/torch-epoch-2.pt", std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  }
  expect_failed_naming(trainer->train(trial_job(config, 2, 4, 1), dir, {}, {}),
                       {dir + "/torch-epoch-2.pt", "cannot read the training state"});
}

/// Population-based training continues a copy of a member's state with other optimiser
/// settings, batch size and dropout: the state loads, and the job trains with its own
/// settings (a learning rate of 1e-12 leaves every weight where the state had it).
TEST(TrainingState, AJobContinuesAStateWithOtherOptimiserSettings) {
  auto trainer = make_torch_trainer(blobs(200, 7), TrainerOptions{});
  const test::TempDir root("hps_state");
  const std::string dir = root.file("trial-5");
  const Config config = stateful_mlp(8);
  ASSERT_EQ(trainer->train(trial_job(config, 0, 2, 1), dir, {}, {}).status, Status::ok);
  Config changed = config;
  changed.set("lr", 1e-12);
  changed.set("weight_decay", 1e-4);
  changed.set("dropout", 0.1);
  changed.set("batch_size", std::int64_t{32});
  changed.set("lr_schedule", std::string("constant"));
  const Outcome outcome = trainer->train(trial_job(changed, 2, 3, 2), dir, {}, {});
  ASSERT_EQ(outcome.status, Status::ok) << outcome.message;
  const Flat before = canonical(dir + "/torch-epoch-2.pt");
  const Flat after = canonical(dir + "/torch-epoch-3.pt");
  std::vector<std::string> weights;
  for (const auto& [key, x] : before.tensors) {
    if (key.rfind("model/", 0) != 0 || key.find("weight") == std::string::npos) continue;
    const auto other = after.tensors.find(key);
    ASSERT_NE(other, after.tensors.end()) << key;
    EXPECT_TRUE(torch::allclose(x, other->second, 0.0, 1e-6)) << key << " moved";
    weights.push_back(key);
  }
  ASSERT_GE(weights.size(), 3u); // 3 linear layers (and 2 batch norms)
  // The same continuation at the state's own rate moves them.
  const std::string again = root.file("trial-6");
  ASSERT_EQ(trainer->train(trial_job(config, 0, 2, 1), again, {}, {}).status, Status::ok);
  ASSERT_EQ(trainer->train(trial_job(config, 2, 3, 2), again, {}, {}).status, Status::ok);
  const Flat moved = canonical(again + "/torch-epoch-3.pt");
  ASSERT_EQ(moved.tensors.count(weights[0]), 1u) << weights[0];
  EXPECT_FALSE(
      torch::allclose(before.tensors.at(weights[0]), moved.tensors.at(weights[0]), 0.0, 1e-6))
      << weights[0];
}

/// A state saved before a trial could change its hyperparameters between jobs (saved for
/// the model and the whole configuration) still loads: a search stopped mid-trial resumes
/// after an upgrade. A state of another configuration does not.
TEST(TrainingState, AStateSavedForTheWholeConfigurationStillLoads) {
  const test::TempDir root("hps_state");
  const std::string dir = root.file("trial-1");
  torch::nn::Sequential net(torch::nn::Linear(4, 2));
  torch::optim::SGD optimizer(net->parameters(), torch::optim::SGDOptions(0.1));
  at::Generator shuffle = at::make_generator<at::CPUGeneratorImpl>(1);
  const StateParts parts{*net, optimizer, shuffle, torch::kCPU};
  const StateFingerprint fingerprint = state_fingerprint("mlp", stateful_mlp(8));
  ASSERT_NE(fingerprint.current, fingerprint.legacy);
  Progress progress;
  progress.epoch = 2;
  progress.horizon = 4;
  save_training_state(dir, {fingerprint.legacy, ""}, progress, parts, 0);
  EXPECT_EQ(load_training_state(dir, 2, fingerprint, parts).epoch, 2);
  try {
    load_training_state(dir, 2, state_fingerprint("mlp", stateful_mlp(16)), parts);
    ADD_FAILURE() << "a state of another configuration loaded";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("another configuration"), std::string::npos) << e.what();
  }
}

/// A stopped job keeps nothing (its trial is over); an unwritable state directory fails
/// a job that trained, saying it could not save.
TEST(TrainingState, StoppedJobsSaveNothingAndAnUnwritableDirectoryFails) {
  auto trainer = make_torch_trainer(blobs(200, 6), TrainerOptions{});
  const test::TempDir root("hps_state");
  const Config config = stateful_mlp(8);
  const Outcome stopped =
      trainer->train(trial_job(config, 0, 4, 1), root.file("stopped"),
                     [](const EpochResult& e) {
                       return e.epoch == 2 ? ReportDecision::stop : ReportDecision::proceed;
                     },
                     {});
  EXPECT_EQ(stopped.status, Status::stopped);
  EXPECT_FALSE(fs::exists(root.file("stopped")));

  { std::ofstream(root.file("a_file")) << "not a directory"; }
  const Outcome unsaved =
      trainer->train(trial_job(config, 0, 1, 1), root.file("a_file") + "/trial-5", {}, {});
  expect_failed_naming(unsaved, {"trained to epoch 1 but could not save its state",
                                 root.file("a_file") + "/trial-5"});
}

} // namespace
} // namespace hpsearch::train
