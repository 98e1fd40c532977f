#pragma once
// A kept model (run.keep_models, issue 18; torch inside): one trained network in one file
// that needs nothing else to be used again — its weights, what builds it (the model kind,
// the architecture's text, the job's configuration: genes and hyperparameters), the input
// standardisation the trainer applied (mean and deviation of the training split), the sample
// shape and classes, and the validation metric of these weights (the last epoch's). A
// torch::serialize archive, written atomically by the trainer at
// <run.trial_dir>/models/eval-<id>.pt (train/kept_model_path.hpp); `hpsearch export-model`
// copies one out.
#include "hpsearch/core/config.hpp"

#include <cstdint>
#include <string>
#include <torch/nn/modules/container/sequential.h>
#include <vector>

namespace hpsearch::train {

/// What builds the network and what its weights scored.
struct KeptModelInfo {
  std::string model;        ///< mlp | cnn | architecture
  std::string architecture; ///< model architecture: arch/architecture_text.hpp's text
  Config config;            ///< the job's configuration, hyperparameters completed
  std::vector<std::int64_t> sample_shape;
  std::int64_t classes = 0;
  std::string metric; ///< accuracy | loss
  double value = 0.0; ///< the validation metric of these weights
  std::int64_t evaluation = -1;
};

struct KeptModel {
  KeptModelInfo info;
  torch::nn::Sequential net; ///< rebuilt and loaded, in eval mode, on the CPU
  torch::Tensor mean;        ///< subtract from inputs, then divide by `deviation`
  torch::Tensor deviation;
};

/// The network `model` names for `config` (model architecture: decoded from
/// `architecture`'s text and config's arch.* genes). Throws hpsearch::Error naming what is
/// wrong.
torch::nn::Sequential build_network(const std::string& model, const std::string& architecture,
                                    const Config& config,
                                    const std::vector<std::int64_t>& sample_shape,
                                    std::int64_t classes);

/// Writes `net`'s weights with `info` and the standardisation atomically to `path`
/// (creating its directory). Throws hpsearch::Error naming the file.
void save_kept_model(const std::string& path, torch::nn::Module& net, const KeptModelInfo& info,
                     const torch::Tensor& mean, const torch::Tensor& deviation);

/// Reads a kept model and rebuilds its network. Throws hpsearch::Error (bad input) naming
/// the file when it is missing, unreadable or not a kept model.
KeptModel load_kept_model(const std::string& path);

} // namespace hpsearch::train
