// bench/train_epoch: one epoch of a 784-256-10 MLP (Adam 1e-3, batch 128, 1 thread) on the
// full 60,000 Fashion-MNIST training images in hpsearch's trainer, then the accuracy on
// the 10,000 test images. bench/train.sh runs it beside PyTorch (bench/train_epoch.py).
//   train_epoch [REPEATS] [DATA_FOLDER]
// Prints one line per repeat: "hpsearch epoch_seconds=... accuracy=...".
#include "hpsearch/train/hyperparameter_catalog.hpp"
#include "hpsearch/train/idx_reader.hpp"
#include "hpsearch/train/module_api.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  using namespace hpsearch;
  const int repeats = argc > 1 ? std::atoi(argv[1]) : 3;
  const std::string folder = argc > 2 ? argv[2] : "/usr/share/datasets/fashion-mnist";
  try {
    train::Split data{train::read_idx(folder, "train"), train::read_idx(folder, "t10k")};
    train::TrainerOptions options; // mlp, accuracy, 1 thread, cpu
    auto trainer = train::make_torch_trainer(std::move(data), options);
    TorchSpec spec;
    spec.fixed = {{"epochs", std::int64_t{1}},
                  {"layers", std::int64_t{1}},
                  {"units", std::int64_t{256}},
                  {"optimizer", std::string("adam")},
                  {"lr", 1e-3},
                  {"batch_size", std::int64_t{128}}};
    Job job;
    job.config = torch_hyperparameters_for(spec, Config{});
    for (int r = 0; r < repeats; ++r) {
      job.seed = static_cast<std::uint64_t>(r + 1);
      double seconds = 0.0;
      const Outcome outcome = trainer->train(job, {},
                                             [&seconds](const train::EpochResult& e) {
                                               seconds = e.train_seconds;
                                               return ReportDecision::proceed;
                                             },
                                             {});
      if (outcome.status != Status::ok) {
        std::fprintf(stderr, "train_epoch: %s\n", outcome.message.c_str());
        return 1;
      }
      std::printf("hpsearch epoch_seconds=%.3f accuracy=%.4f\n", seconds, outcome.objective);
      std::fflush(stdout);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "train_epoch: %s\n", e.what());
    return 2;
  }
  return 0;
}
