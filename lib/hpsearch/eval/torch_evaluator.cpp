#include "hpsearch/eval/torch_evaluator.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/torch_module_abi.hpp"
#include "hpsearch/eval/torch_module_search.hpp"
#include "hpsearch/eval/trial_state.hpp"
#include "hpsearch/train/hyperparameter_catalog.hpp"
#include "hpsearch/train/kept_model_path.hpp"
#include "hpsearch/train/split.hpp"

#include <algorithm>
#include <utility>

namespace hpsearch {

namespace {

train::DataSpec data_spec(const TorchSpec& spec) {
  train::DataSpec data;
  data.format = spec.dataset;
  data.path = spec.data_path;
  data.validation_fraction = spec.validation_fraction;
  data.split_seed = spec.split_seed;
  data.subset = spec.subset;
  data.label_column = spec.label_column;
  return data;
}

} // namespace

void check_torch_objective(const TorchSpec& spec) {
  find_torch_module();
  train::probe_data(data_spec(spec));
}

TorchEvaluator::TorchEvaluator(TorchEvaluatorSpec spec, const WorkerContext& context)
    : spec_(std::move(spec)), torn_down_(context.torn_down), trial_root_(context.trial_root),
      module_(find_torch_module(), SharedLibrary::keep_loaded,
              "objective.kind torch: the LibTorch trainer module") {
  const train::CreateFn create = torch_module_create(module_);
  train::TrainerOptions options;
  options.model = spec_.torch.model;
  options.architecture = spec_.torch.architecture;
  options.metric = spec_.torch.metric;
  options.final_best = spec_.torch.final == "best";
  options.threads = std::max(spec_.threads, 1);
  options.device = context.device;
  if (spec_.keep_models && !trial_root_.empty()) options.models_dir = kept_models_dir(trial_root_);
  std::string error;
  trainer_.reset(create(data_spec(spec_.torch), options, error));
  if (!trainer_) throw Error::input("objective.kind torch: " + error);
}

TorchEvaluator::~TorchEvaluator() = default;

Outcome TorchEvaluator::evaluate(const Job& job, Reporter& reporter) {
  Job resolved = job;
  std::string state_dir;
  try {
    resolved.config = torch_hyperparameters_for(spec_.torch, job.config);
    if (!trial_root_.empty()) state_dir = prepare_trial_state(trial_root_, job);
  } catch (const std::exception& e) {
    Outcome outcome;
    outcome.status = Status::failed;
    outcome.message = e.what();
    return outcome;
  }
  // A stop ends the job at once (mid-epoch, nothing saved); a pause lets the epoch end, then
  // the trainer saves the state there and ends the job ok.
  const auto on_epoch = [&reporter](const train::EpochResult& epoch) {
    return reporter.report(epoch.epoch, epoch.metric) ? reporter.decision()
                                                      : ReportDecision::proceed;
  };
  const auto poll = [this, &reporter] {
    return (torn_down_ && torn_down_()) ||
           (reporter.stop_requested() && !reporter.pause_requested());
  };
  return trainer_->train(resolved, state_dir, on_epoch, poll);
}

} // namespace hpsearch
