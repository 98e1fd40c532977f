#pragma once
// A trial's saved training state (torch inside): everything the trainer needs to continue
// a trial exactly where a job left it, at an epoch boundary — the network's parameters and
// buffers, the optimiser's state, the random generators (torch's default one, which draws
// initial weights and dropout masks, the device's when training on a GPU, and the trainer's
// shuffling generator, which draws each epoch's data order: saving it saves the data
// order), the epoch reached and the learning-rate schedule's horizon (the schedule is a
// function of the epoch and the horizon), and the best and last metrics so far.
//
// One file per epoch reached, `<state_dir>/torch-epoch-<N>.pt`, written atomically: a job
// that continues from epoch a reads torch-epoch-<a>.pt and writes torch-epoch-<b>.pt, so
// a job re-run after a kill between the save and the manager's record reads the same a.
#include "hpsearch/core/config.hpp"

#include <ATen/core/Generator.h>
#include <c10/core/Device.h>
#include <limits>
#include <string>
#include <torch/nn/module.h>
#include <torch/optim/optimizer.h>

namespace hpsearch::train {

/// Where a trial's training stands at an epoch boundary, beside the tensors.
struct Progress {
  int epoch = 0;   ///< epochs trained
  int horizon = 0; ///< epochs the learning-rate schedule spans (cosine)
  double last = std::numeric_limits<double>::quiet_NaN(); ///< metric after `epoch`
  double best = std::numeric_limits<double>::quiet_NaN(); ///< best metric so far
  int best_epoch = 0;                                     ///< 0: none yet
};

/// The tensors and generators a state holds, owned by the trainer.
struct StateParts {
  torch::nn::Module& net;
  torch::optim::Optimizer& optimizer;
  at::Generator& shuffle;
  c10::Device device;
};

/// What a state is saved for, and what a job must match to load it.
struct StateFingerprint {
  /// Written with the state: the model and the job's configuration without the names a
  /// trial may change between its jobs (torch_changes_between_jobs,
  /// train/hyperparameter_catalog.hpp).
  std::string current;
  /// Also accepted when loading: the model and the whole configuration, as states were
  /// written before population-based training could change a trial's hyperparameters (a
  /// search stopped mid-trial then resumes by a newer hpsearch).
  std::string legacy;
};
StateFingerprint state_fingerprint(const std::string& model, const Config& config);

/// `<state_dir>/torch-epoch-<epoch>.pt`.
std::string state_file(const std::string& state_dir, int epoch);

/// Saves the state after `progress.epoch` epochs (creating state_dir when missing); then
/// removes the states of epochs before `keep_from` (the one the job started from stays:
/// a re-run of the job needs it). `fingerprint` identifies the configuration. Returns the
/// file's size in bytes. Throws hpsearch::Error naming the file.
std::size_t save_training_state(const std::string& state_dir, const StateFingerprint& fingerprint,
                                const Progress& progress, const StateParts& parts, int keep_from);

/// Loads the state saved after `epoch` epochs into `parts` (and torch's default
/// generators). Throws hpsearch::Error (bad input) naming the file when it is missing,
/// unreadable, or saved for another configuration (neither fingerprint) or epoch.
Progress load_training_state(const std::string& state_dir, int epoch,
                             const StateFingerprint& fingerprint, const StateParts& parts);

} // namespace hpsearch::train
