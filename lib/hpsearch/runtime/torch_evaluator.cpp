#include "hpsearch/runtime/torch_evaluator.hpp"

#include "hpsearch/config/torch_catalog.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/train/module_api.hpp"
#include "hpsearch/train/split.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace hpsearch {

namespace {

namespace fs = std::filesystem;

constexpr const char* kModuleName = "libhpsearch_train.so";

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

std::string missing_module_message() {
  std::string message = "objective.kind torch: the LibTorch trainer module " +
                        std::string(kModuleName) + " was not found (looked at:";
  for (const auto& path : torch_module_candidates()) message += " " + path;
  message += "). ";
#ifdef HPSEARCH_TRAIN_MODULE_BUILD_PATH
  message += "Build the target hpsearch_train, or set HPSEARCH_TRAIN_MODULE to its path.";
#else
  message += "This hpsearch was built without LibTorch: install it (apt-get install libtorch-dev "
             "libopenblas0-openmp) and configure again with -DHPSEARCH_WITH_TORCH=ON.";
#endif
  return message;
}

std::string find_module() {
  std::error_code ec;
  for (const auto& path : torch_module_candidates()) {
    if (fs::is_regular_file(path, ec)) return path;
  }
  // HPSEARCH_TRAIN_MODULE naming no file is a wrong setting; no module at all, a build
  // or installation without it.
  const std::string message = missing_module_message();
  throw std::getenv("HPSEARCH_TRAIN_MODULE") != nullptr ? Error::input(message)
                                                        : Error::environment(message);
}

} // namespace

std::vector<std::string> torch_module_candidates() {
  if (const char* path = std::getenv("HPSEARCH_TRAIN_MODULE"); path != nullptr && *path != '\0') {
    return {path};
  }
  std::vector<std::string> candidates;
  std::error_code ec;
  const fs::path executable = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    candidates.push_back(
        (executable.parent_path().parent_path() / "lib" / kModuleName).lexically_normal().string());
  }
#ifdef HPSEARCH_TRAIN_MODULE_BUILD_PATH
  candidates.emplace_back(HPSEARCH_TRAIN_MODULE_BUILD_PATH);
#endif
  return candidates;
}

void check_torch_objective(const Problem& problem) {
  find_module();
  train::probe_data(data_spec(problem.objective.torch));
}

TorchEvaluator::TorchEvaluator(const Problem& problem, const WorkerContext& context)
    : spec_(problem.objective.torch), torn_down_(context.torn_down),
      module_(find_module(), SharedLibrary::keep_loaded,
              "objective.kind torch: the LibTorch trainer module") {
  const auto abi = reinterpret_cast<train::AbiFn>(module_.require(train::kAbiSymbol));
  if (abi() != train::kAbiVersion) {
    throw Error::environment("objective.kind torch: the trainer module " + module_.path() +
                             " comes from another build (interface " + std::to_string(abi()) +
                             ", expected " + std::to_string(train::kAbiVersion) +
                             "): rebuild hpsearch_train");
  }
  const auto create = reinterpret_cast<train::CreateFn>(module_.require(train::kCreateSymbol));
  train::TrainerOptions options;
  options.model = spec_.model;
  options.metric = spec_.metric;
  options.final_best = spec_.final == "best";
  options.threads =
      problem.run.threads_per_worker > 0 ? static_cast<int>(problem.run.threads_per_worker) : 1;
  options.device = context.device;
  std::string error;
  trainer_.reset(create(data_spec(spec_), options, error));
  if (!trainer_) throw Error::input("objective.kind torch: " + error);
}

TorchEvaluator::~TorchEvaluator() = default;

Outcome TorchEvaluator::evaluate(const Job& job, Reporter& reporter) {
  Job resolved = job;
  try {
    resolved.config = torch_hyperparameters_for(spec_, job.config);
  } catch (const std::exception& e) {
    Outcome outcome;
    outcome.status = Status::failed;
    outcome.message = e.what();
    return outcome;
  }
  const auto on_epoch = [&reporter](const train::EpochResult& epoch) {
    return reporter.report(epoch.epoch, epoch.metric);
  };
  const auto poll = [this, &reporter] {
    return (torn_down_ && torn_down_()) || reporter.stop_requested();
  };
  return trainer_->train(resolved, on_epoch, poll);
}

} // namespace hpsearch
