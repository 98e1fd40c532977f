#pragma once
// Trainer: the built-in LibTorch trainer's interface, free of torch headers. The trainer
// itself lives in the shared module libhpsearch_train.so (module_api.hpp), which
// `hpsearch` loads with dlopen only when a problem uses `objective.kind: torch`.
//
// One Trainer per worker rank: it holds the data (loaded once, on the trainer's device)
// and trains one network per job.
#include "hpsearch/core/job.hpp"
#include "hpsearch/core/trial.hpp"
#include "hpsearch/train/dataset.hpp"

#include <functional>
#include <memory>
#include <string>

namespace hpsearch::train {

/// What stays the same for every job of a search.
struct TrainerOptions {
  std::string model = "mlp";       ///< mlp | cnn | architecture
  std::string architecture;        ///< architecture: TorchSpec::architecture's text
  std::string metric = "accuracy"; ///< accuracy | loss: the validation metric reported
  bool final_best = false;         ///< objective: the best epoch's metric (else the last's)
  int threads = 1;                 ///< intra-op threads (torch::set_num_threads)
  std::string device = "cpu";      ///< "cpu" or "cuda:<i>"; cuda falls back to cpu if absent
  /// Non-empty (run.keep_models > 0): every job that ends ok keeps its trained network in
  /// this directory (train/kept_model.hpp, train/kept_model_path.hpp); the manager prunes.
  std::string models_dir;
};

/// One finished epoch, as the trainer reports it.
struct EpochResult {
  int epoch = 0;              ///< 1-based
  double metric = 0.0;        ///< validation accuracy (fraction) or loss
  double train_loss = 0.0;    ///< mean training loss over the epoch
  double train_seconds = 0.0; ///< wall time of the epoch's training steps
  double seconds = 0.0;       ///< wall time of the epoch, validation included
};

/// Called after each epoch, with its result; answers what the search decided: proceed,
/// stop (the job ends now, stopped) or pause (the job ends now, ok, its state saved). A
/// decision taken while an epoch runs is thus acted on at the epoch's end.
using EpochCallback = std::function<ReportDecision(const EpochResult&)>;
/// Polled between batches (about every second): true ends the job at once as stopped.
using StopPoll = std::function<bool()>;

class Trainer {
public:
  virtual ~Trainer() = default;
  Trainer() = default;
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  /// Trains the network `job.config` describes (every hyperparameter present, see
  /// train/hyperparameter_catalog.hpp) up to epoch job.fidelity when > 0, else its `epochs`;
  /// seeded by job.seed; job.timeout > 0 ends it as timeout. Never throws: a bad
  /// hyperparameter or a diverging loss (NaN) gives Status::failed with a message.
  ///
  /// Saved state (training_state.hpp): with a non-empty `state_dir` (the trial's state
  /// directory), a job that ends ok or paused saves everything needed to continue exactly
  /// there, `<state_dir>/torch-epoch-<N>.pt`; and a job with job.from_fidelity = a > 0
  /// loads the state of epoch a (its seed is then unused: the saved generators continue)
  /// and trains epochs a+1 .. fidelity, giving bitwise the network one job trained
  /// straight to that epoch would. A missing or unreadable state, or none for a > 0, makes
  /// the job failed with a message naming the file. The learning-rate schedule (cosine)
  /// spans max(`epochs`, the trial's first job's fidelity) epochs, saved with the state and
  /// extended only by a job training past it, so that pausing does not change it.
  virtual Outcome train(const Job& job, const std::string& state_dir, const EpochCallback& on_epoch,
                        const StopPoll& poll) = 0;

  /// "cpu" or "cuda:0": where training runs.
  virtual std::string device() const = 0;
};

} // namespace hpsearch::train
