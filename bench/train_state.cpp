// bench/train_state: what saving and loading a trial's training state costs a job, for
// the default MLP (every hyperparameter at the catalog's default, model mlp) on the
// quickstart's data (12,500 Fashion-MNIST images, 10,000 to train on), 1 thread, CPU.
// Each repeat runs a job to epoch 1 that saves its state, then a job from 1 to 2 that
// loads it and saves epoch 2; the trainer reports the times in its outcome message.
//   train_state [REPEATS] [STATE_DIR]      (STATE_DIR defaults to a fresh temp directory)
// Prints one line per repeat and the medians: load and save seconds, state bytes, and the
// epoch's seconds for scale.
#include "hpsearch/train/hyperparameter_catalog.hpp"
#include "hpsearch/train/module_api.hpp"
#include "hpsearch/train/split.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

/// The number after `label` in the trainer's message, or -1.
double number_after(const std::string& message, const std::string& label) {
  const auto at = message.find(label);
  return at == std::string::npos ? -1.0 : std::atof(message.c_str() + at + label.size());
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0.0 : values[values.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
  using namespace hpsearch;
  const int repeats = argc > 1 ? std::atoi(argv[1]) : 5;
  namespace fs = std::filesystem;
  const fs::path dir =
      argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "hpsearch_train_state_bench";
  try {
    train::DataSpec spec;
    spec.subset = 12500;
    spec.validation_fraction = 0.2;
    auto trainer = train::make_torch_trainer(train::load_split(spec), train::TrainerOptions{});
    Job job;
    job.config = torch_hyperparameters_for(TorchSpec{}, Config{});
    std::vector<double> loads;
    std::vector<double> saves;
    std::vector<double> epochs;
    double bytes = 0.0;
    for (int r = 0; r < repeats; ++r) {
      const std::string state_dir = (dir / ("trial-" + std::to_string(r))).string();
      fs::remove_all(state_dir);
      job.seed = static_cast<std::uint64_t>(r + 1);
      job.from_fidelity = 0;
      job.fidelity = 1;
      double epoch_seconds = 0.0;
      const auto on_epoch = [&epoch_seconds](const train::EpochResult& e) {
        epoch_seconds = e.seconds;
        return ReportDecision::proceed;
      };
      const Outcome first = trainer->train(job, state_dir, on_epoch, {});
      job.from_fidelity = 1;
      job.fidelity = 2;
      const Outcome second = trainer->train(job, state_dir, on_epoch, {});
      if (first.status != Status::ok || second.status != Status::ok) {
        std::fprintf(stderr, "train_state: %s\n",
                     (first.status != Status::ok ? first : second).message.c_str());
        return 1;
      }
      const double load = number_after(second.message, "state loaded in ");
      const double save = number_after(second.message, "state saved in ");
      bytes = number_after(second.message, " s (");
      loads.push_back(load);
      saves.push_back(save);
      epochs.push_back(epoch_seconds);
      std::printf("repeat %d: load_seconds=%.4f save_seconds=%.4f state_bytes=%.0f "
                  "epoch_seconds=%.3f\n",
                  r + 1, load, save, bytes, epoch_seconds);
      std::fflush(stdout);
      fs::remove_all(state_dir);
    }
    std::printf("default mlp, median of %d: load_seconds=%.4f save_seconds=%.4f "
                "state_bytes=%.0f epoch_seconds=%.3f (load+save = %.1f%% of an epoch)\n",
                repeats, median(loads), median(saves), bytes, median(epochs),
                100.0 * (median(loads) + median(saves)) / median(epochs));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "train_state: %s\n", e.what());
    return 2;
  }
  return 0;
}
