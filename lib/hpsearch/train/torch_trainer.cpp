// TorchTrainer: the built-in LibTorch training loop behind train/trainer.hpp.
#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/json_writer.hpp"
#include "hpsearch/train/hyperparameters.hpp"
#include "hpsearch/train/kept_model.hpp"
#include "hpsearch/train/kept_model_path.hpp"
#include "hpsearch/train/module_api.hpp"
#include "hpsearch/train/torch_optimizer.hpp"
#include "hpsearch/train/training_state.hpp"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <cmath>
#include <cstdio>
#include <limits>
#include <malloc.h>
#include <torch/cuda.h>
#include <torch/nn/functional/loss.h>
#include <torch/utils.h>
#include <tuple>

namespace hpsearch::train {

namespace {

/// The trainer's own metrics of a job that trained `epochs` epochs (user metrics,
/// core/job.hpp): the last epoch's mean training loss, the network's parameter count and
/// the mean wall time of an epoch, validation included.
std::string trainer_metrics(torch::nn::Module& net, const EpochResult& last, double seconds_sum,
                            int epochs) {
  std::int64_t params = 0;
  for (const auto& p : net.parameters()) params += p.numel();
  JsonWriter json;
  json.begin_object().key("train_loss");
  if (epochs > 0) {
    json.real(last.train_loss);
  } else {
    json.null();
  }
  json.key("params").integer(params).key("epoch_seconds");
  if (epochs > 0) {
    json.real(seconds_sum / epochs);
  } else {
    json.null();
  }
  return json.end_object().text();
}

double seconds_since(double start) {
  return monotonic_seconds() - start;
}

std::string fixed(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

/// glibc returns every large block to the kernel with munmap by default, so each batch's
/// fresh tensors page-fault anew: that made a 784-256-10 epoch 4x slower here. Keeping
/// freed memory in the heap removes that (PyTorch's own allocator caches the same way).
void keep_freed_memory() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
}

/// `wanted` is "cpu" or "cuda:<index among this process's visible devices>" (placement
/// gives the index, not the physical id: after CUDA_VISIBLE_DEVICES=3 the GPU is cuda:0).
/// Without CUDA the trainer runs on the CPU; an index beyond the visible devices is an
/// environment error, not a crash inside LibTorch.
torch::Device pick_device(const std::string& wanted) {
  if (wanted.rfind("cuda", 0) != 0 || !torch::cuda::is_available()) return torch::kCPU;
  const torch::Device device(wanted);
  const auto visible = torch::cuda::device_count();
  if (device.has_index() && static_cast<std::size_t>(device.index()) >= visible) {
    throw Error::environment("torch trainer: device '" + wanted + "' does not exist here (" +
                             std::to_string(visible) +
                             " CUDA devices visible to this process; check CUDA_VISIBLE_DEVICES)");
  }
  return device;
}

/// Examples as one tensor of shape [N, sample_shape...] and labels [N].
struct Tensors {
  torch::Tensor x;
  torch::Tensor y;
};

Tensors to_tensors(const Dataset& data) {
  std::vector<std::int64_t> shape{static_cast<std::int64_t>(data.size())};
  shape.insert(shape.end(), data.sample_shape.begin(), data.sample_shape.end());
  auto x = torch::from_blob(const_cast<float*>(data.features.data()), shape, torch::kFloat32);
  auto y = torch::from_blob(const_cast<std::int64_t*>(data.labels.data()),
                            {static_cast<std::int64_t>(data.size())}, torch::kInt64);
  return {x.clone(), y.clone()};
}

/// Standardises inputs with the training split's statistics: one mean and deviation for
/// images (so convolutions see one scale), one per feature for tables. Returns them (mean,
/// deviation), as a kept model stores them.
std::pair<torch::Tensor, torch::Tensor> standardise(Tensors& train, Tensors& validation,
                                                    bool images) {
  torch::Tensor mean;
  torch::Tensor deviation;
  if (images) {
    mean = train.x.mean();
    deviation = train.x.std().clamp_min(1e-6);
  } else {
    mean = train.x.mean(0, true);
    deviation = train.x.std(0, true, true).clamp_min(1e-6);
  }
  train.x.sub_(mean).div_(deviation);
  validation.x.sub_(mean).div_(deviation);
  return {mean, deviation};
}

class TorchTrainer final : public Trainer {
public:
  TorchTrainer(Split data, const TrainerOptions& options)
      : options_(options), device_(pick_device(options.device)),
        sample_shape_(data.train.sample_shape),
        classes_(std::max(data.train.classes, data.validation.classes)) {
    if (data.train.size() == 0 || data.validation.size() == 0) {
      throw Error::input("torch trainer: the training and validation splits must not be empty");
    }
    if (data.train.sample_shape != data.validation.sample_shape) {
      throw Error::internal("torch trainer: training and validation samples differ in shape");
    }
    if (options_.model != "mlp" && options_.model != "cnn" && options_.model != "architecture") {
      throw Error::input("torch trainer: unknown model '" + options_.model +
                         "' (expected mlp, cnn or architecture)");
    }
    if ((options_.model == "architecture") == options_.architecture.empty()) {
      throw Error::input("torch trainer: model architecture goes with an architecture (and only "
                         "it)");
    }
    if (options_.metric != "accuracy" && options_.metric != "loss") {
      throw Error::input("torch trainer: unknown metric '" + options_.metric +
                         "' (expected accuracy or loss)");
    }
    Tensors train = to_tensors(data.train);
    Tensors validation = to_tensors(data.validation);
    std::tie(mean_, deviation_) = standardise(train, validation, sample_shape_.size() >= 2);
    train_x_ = train.x.to(device_);
    train_y_ = train.y.to(device_);
    validation_x_ = validation.x.to(device_);
    validation_y_ = validation.y.to(device_);
  }

  std::string device() const override { return device_.str(); }

  Outcome train(const Job& job, const std::string& state_dir, const EpochCallback& on_epoch,
                const StopPoll& poll) override {
    Outcome outcome;
    outcome.started_at = wall_seconds();
    try {
      run(job, state_dir, on_epoch, poll, outcome);
    } catch (const std::exception& e) {
      outcome.status = Status::failed;
      outcome.message = e.what();
      if (const auto* torch_error = dynamic_cast<const c10::Error*>(&e)) {
        outcome.message = std::string("torch: ") + torch_error->what_without_backtrace();
      }
    }
    outcome.finished_at = wall_seconds();
    return outcome;
  }

private:
  struct Validation {
    double loss = 0.0;
    double accuracy = 0.0;
  };

  /// The job's network: from its arch.* genes for model architecture (an unbuildable one
  /// throws naming the node, before any training), else from its hyperparameters.
  torch::nn::Sequential build(const Config& config) const {
    return build_network(options_.model, options_.architecture, config, sample_shape_, classes_);
  }

  /// run.keep_models: the trained network of a job that ended ok, kept in models_dir. A
  /// model that cannot be written is noted in the message; the evaluation stands.
  void keep_model(const Job& job, torch::nn::Module& net, double value, Outcome& outcome) const {
    if (options_.models_dir.empty()) return;
    const std::string path = kept_model_path(options_.models_dir, job.id);
    try {
      save_kept_model(path, net,
                      {options_.model, options_.architecture, job.config, sample_shape_, classes_,
                       options_.metric, value, job.id},
                      mean_, deviation_);
      outcome.message += "; model kept in " + path;
    } catch (const std::exception& e) {
      outcome.message += "; could not keep its model: " + std::string(e.what());
    }
  }

  Validation validate(torch::nn::Sequential& net) const {
    c10::InferenceMode guard;
    net->eval();
    constexpr std::int64_t chunk = 2048;
    const std::int64_t n = validation_x_.size(0);
    double loss_sum = 0.0;
    std::int64_t correct = 0;
    for (std::int64_t at = 0; at < n; at += chunk) {
      const std::int64_t end = std::min(n, at + chunk);
      const auto logits = net->forward(validation_x_.slice(0, at, end));
      const auto labels = validation_y_.slice(0, at, end);
      loss_sum += torch::nn::functional::cross_entropy(
                      logits, labels,
                      torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                      .item<double>();
      correct += logits.argmax(1).eq(labels).sum().item<std::int64_t>();
    }
    net->train();
    return {loss_sum / static_cast<double>(n),
            static_cast<double>(correct) / static_cast<double>(n)};
  }

  /// The epochs a job trains: from its from_fidelity (0, or a saved state's epoch) to its
  /// fidelity (else the configuration's `epochs`). Throws hpsearch::Error when they are not
  /// whole epochs in order, or a continuation has nowhere to read its state from.
  static std::pair<int, int> epoch_range(const Job& job, const Hyperparameters& h,
                                         const std::string& state_dir) {
    const int to = job.fidelity > 0.0 ? static_cast<int>(std::lround(job.fidelity)) : h.epochs;
    const double from_value = job.from_fidelity;
    const int from = static_cast<int>(std::lround(from_value));
    if (from_value < 0.0 || std::abs(from_value - from) > 1e-9) {
      throw Error::input("torch trainer: from_fidelity " + to_string(Value(from_value)) +
                         " is not a whole number of epochs");
    }
    if (from > 0 && from >= to) {
      throw Error::input("torch trainer: the job continues from epoch " + std::to_string(from) +
                         " to epoch " + std::to_string(to) + ": nothing to train");
    }
    if (from > 0 && state_dir.empty()) {
      throw Error::input("torch trainer: the job continues trial " + std::to_string(job.trial) +
                         " from epoch " + std::to_string(from) +
                         " but has no state directory to load it from");
    }
    return {from, to};
  }

  void run(const Job& job, const std::string& state_dir, const EpochCallback& on_epoch,
           const StopPoll& poll, Outcome& outcome) {
    const double start = monotonic_seconds();
    const Hyperparameters h = read_hyperparameters(job.config, options_.model);
    const auto [from, epochs] = epoch_range(job, h, state_dir);
    torch::manual_seed(job.seed);
    at::Generator shuffle = at::make_generator<at::CPUGeneratorImpl>(job.seed ^ 0x5eed5eedULL);
    torch::nn::Sequential net = build(job.config);
    net->to(device_);
    auto optimizer = make_optimizer(h, net->parameters());
    const StateParts parts{*net, *optimizer, shuffle, device_};
    const StateFingerprint fingerprint = state_fingerprint(options_.model, job.config);
    Progress progress;
    progress.horizon = std::max(h.epochs, epochs);
    std::string state_note;
    EpochResult last_epoch;       // the last epoch this job trained
    double epoch_seconds_sum = 0; // over the epochs this job trained
    if (from > 0) {
      const double load_start = monotonic_seconds();
      progress = load_training_state(state_dir, from, fingerprint, parts);
      progress.horizon = std::max(progress.horizon, epochs);
      state_note = "; state loaded in " + fixed(seconds_since(load_start), 4) + " s";
    }

    const bool maximize = options_.metric == "accuracy";
    const std::int64_t n = train_x_.size(0);
    const std::int64_t batch = std::min<std::int64_t>(h.batch_size, n);
    const std::int64_t batches = (n + batch - 1) / batch;
    double polled = start;
    const bool per_batch_lr = h.lr_schedule == "cosine";
    // Ends the job ok after progress.epoch epochs, its state saved when it has a place.
    const auto finish = [&](const std::string& what) {
      outcome.status = Status::ok;
      outcome.objective = options_.final_best ? progress.best : progress.last;
      outcome.message = what + " in " + fixed(seconds_since(start), 1) + " s on " + device_.str() +
                        "; best " + options_.metric + " " + fixed(progress.best, 4) + " at epoch " +
                        std::to_string(progress.best_epoch) + state_note;
      outcome.metadata =
          trainer_metrics(*net, last_epoch, epoch_seconds_sum, progress.epoch - from);
      keep_model(job, *net, progress.last, outcome);
      if (state_dir.empty()) return;
      const double save_start = monotonic_seconds();
      try {
        const std::size_t bytes =
            save_training_state(state_dir, fingerprint, progress, parts, from);
        outcome.message += "; state saved in " + fixed(seconds_since(save_start), 4) + " s (" +
                           std::to_string(bytes) + " bytes)";
      } catch (const std::exception& e) {
        outcome.status = Status::failed;
        outcome.message = "trained to epoch " + std::to_string(progress.epoch) +
                          " but could not save its state: " + e.what();
      }
    };
    for (int epoch = progress.epoch; epoch < epochs; ++epoch) {
      const double epoch_start = monotonic_seconds();
      const auto order = torch::randperm(n, shuffle, torch::kInt64).to(device_);
      double loss_sum = 0.0;
      for (std::int64_t b = 0; b < batches; ++b) {
        // Cosine anneals per batch; the other schedules change the rate once an epoch.
        if (b == 0 || per_batch_lr) {
          set_lr(*optimizer,
                 scheduled_lr(h, epoch, static_cast<double>(b) / batches, progress.horizon));
        }
        const auto index = order.slice(0, b * batch, std::min(n, (b + 1) * batch));
        const auto x = train_x_.index_select(0, index);
        const auto y = train_y_.index_select(0, index);
        net->zero_grad(/*set_to_none=*/true); // backward then writes, not adds, the grads
        const auto loss = torch::nn::functional::cross_entropy(net->forward(x), y);
        const double value = loss.item<double>();
        if (!std::isfinite(value)) {
          outcome.status = Status::failed;
          outcome.objective = progress.last;
          outcome.message = "training diverged: the loss is " + std::to_string(value) +
                            " at epoch " + std::to_string(epoch + 1) + ", batch " +
                            std::to_string(b + 1) + " (optimizer " + h.optimizer + ", lr " +
                            to_string(Value(h.lr)) + ")";
          return;
        }
        loss_sum += value;
        loss.backward();
        optimizer->step();
        if (seconds_since(polled) >= 1.0) {
          polled = monotonic_seconds();
          if (job.timeout > 0.0 && seconds_since(start) > job.timeout) {
            outcome.status = Status::timeout;
            outcome.objective = progress.last;
            outcome.message = "timed out after " + fixed(seconds_since(start), 1) +
                              " s, in epoch " + std::to_string(epoch + 1);
            return;
          }
          if (poll && poll()) {
            outcome.status = Status::stopped;
            outcome.objective = progress.last;
            outcome.message = "stopped in epoch " + std::to_string(epoch + 1);
            return;
          }
        }
      }
      const double train_seconds = seconds_since(epoch_start);
      const Validation v = validate(net);
      progress.epoch = epoch + 1;
      progress.last = maximize ? v.accuracy : v.loss;
      if (!std::isfinite(v.loss)) {
        outcome.status = Status::failed;
        outcome.objective = std::numeric_limits<double>::quiet_NaN();
        outcome.message = "training diverged: the validation loss is " + std::to_string(v.loss) +
                          " after epoch " + std::to_string(epoch + 1);
        return;
      }
      if (progress.best_epoch == 0 ||
          (maximize ? progress.last > progress.best : progress.last < progress.best)) {
        progress.best = progress.last;
        progress.best_epoch = progress.epoch;
      }
      const EpochResult result{progress.epoch, progress.last,
                               loss_sum / static_cast<double>(batches), train_seconds,
                               seconds_since(epoch_start)};
      last_epoch = result;
      epoch_seconds_sum += result.seconds;
      // A decision that arrives with the last epoch comes too late to change anything: the
      // network is trained, so the job ends ok.
      const ReportDecision decision = on_epoch ? on_epoch(result) : ReportDecision::proceed;
      if (decision == ReportDecision::stop && progress.epoch < epochs) {
        outcome.status = Status::stopped;
        outcome.objective = progress.last;
        outcome.message = "stopped by the manager after epoch " + std::to_string(progress.epoch);
        return;
      }
      if (decision == ReportDecision::pause && progress.epoch < epochs) {
        finish("paused after epoch " + std::to_string(progress.epoch) + " (epochs " +
               std::to_string(from + 1) + "-" + std::to_string(progress.epoch) + ")");
        return;
      }
    }
    finish(from > 0 ? "epochs " + std::to_string(from + 1) + "-" + std::to_string(epochs)
                    : std::to_string(epochs) + " epoch(s)");
  }

  TrainerOptions options_;
  torch::Device device_;
  std::vector<std::int64_t> sample_shape_;
  std::int64_t classes_;
  torch::Tensor mean_; ///< the standardisation of the inputs (kept models store it)
  torch::Tensor deviation_;
  torch::Tensor train_x_;
  torch::Tensor train_y_;
  torch::Tensor validation_x_;
  torch::Tensor validation_y_;
};

} // namespace

std::unique_ptr<Trainer> make_torch_trainer(Split data, const TrainerOptions& options) {
  keep_freed_memory();
  torch::set_num_threads(std::max(options.threads, 1));
  try {
    at::set_num_interop_threads(1);
  } catch (const c10::Error&) {
    // Already set in this process (a second trainer): keep it.
  }
  return std::make_unique<TorchTrainer>(std::move(data), options);
}

} // namespace hpsearch::train
