#include "hpsearch/train/training_state.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/train/atomic_file.hpp"
#include "hpsearch/train/hyperparameter_catalog.hpp"

#include <ATen/Context.h>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <system_error>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

namespace hpsearch::train {

namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kFormat = 1; ///< bumped when the keys below change meaning
constexpr const char* kPrefix = "torch-epoch-";
constexpr const char* kSuffix = ".pt";

/// Generators are shared handles: a copy reads and sets the same generator.
torch::Tensor generator_state(at::Generator generator) {
  const std::lock_guard<std::mutex> lock(generator.mutex());
  return generator.get_state();
}

void set_generator_state(at::Generator generator, const torch::Tensor& state) {
  const std::lock_guard<std::mutex> lock(generator.mutex());
  generator.set_state(state.to(torch::kCPU));
}

/// The epoch of a state file's name, or -1 when the name is not one.
int epoch_of(const std::string& name) {
  const std::string prefix = kPrefix;
  const std::string suffix = kSuffix;
  if (name.size() <= prefix.size() + suffix.size() || name.rfind(prefix, 0) != 0 ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return -1;
  }
  const std::string digits =
      name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) return -1;
  return std::stoi(digits);
}

void remove_states_before(const std::string& state_dir, int keep_from) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(state_dir, ec)) {
    const int epoch = epoch_of(entry.path().filename().string());
    if (epoch >= 0 && epoch < keep_from) fs::remove(entry.path(), ec);
  }
}

c10::IValue read_value(torch::serialize::InputArchive& archive, const char* key,
                       const std::string& file) {
  c10::IValue value;
  if (!archive.try_read(key, value)) {
    throw Error::input("training state '" + file + "' lacks '" + key +
                       "' (not a state this trainer saved)");
  }
  return value;
}

} // namespace

StateFingerprint state_fingerprint(const std::string& model, const Config& config) {
  std::vector<Config::Entry> kept;
  for (const auto& entry : config.entries()) {
    if (!torch_changes_between_jobs(entry.first)) kept.push_back(entry);
  }
  return {model + " " + Config(std::move(kept)).to_string(), model + " " + config.to_string()};
}

std::string state_file(const std::string& state_dir, int epoch) {
  return (fs::path(state_dir) / (kPrefix + std::to_string(epoch) + kSuffix)).string();
}

std::size_t save_training_state(const std::string& state_dir, const StateFingerprint& fingerprint,
                                const Progress& progress, const StateParts& parts, int keep_from) {
  const std::string file = state_file(state_dir, progress.epoch);
  std::error_code ec;
  fs::create_directories(state_dir, ec);
  if (ec) throw Error::io("cannot create the state directory '" + state_dir + "': " + ec.message());

  torch::serialize::OutputArchive archive;
  archive.write("format", c10::IValue(kFormat));
  archive.write("fingerprint", c10::IValue(fingerprint.current));
  archive.write("epoch", c10::IValue(std::int64_t{progress.epoch}));
  archive.write("horizon", c10::IValue(std::int64_t{progress.horizon}));
  archive.write("last", c10::IValue(progress.last));
  archive.write("best", c10::IValue(progress.best));
  archive.write("best_epoch", c10::IValue(std::int64_t{progress.best_epoch}));
  archive.write("rng_cpu", generator_state(at::detail::getDefaultCPUGenerator()));
  if (parts.device.is_cuda()) {
    archive.write("rng_device",
                  generator_state(at::globalContext().defaultGenerator(parts.device)));
  }
  archive.write("rng_shuffle", generator_state(parts.shuffle));
  torch::serialize::OutputArchive model;
  parts.net.save(model);
  archive.write("model", model);
  torch::serialize::OutputArchive optimizer;
  parts.optimizer.save(optimizer);
  archive.write("optimizer", optimizer);

  std::ostringstream bytes;
  archive.save_to(bytes);
  const std::string content = std::move(bytes).str();
  write_file_atomically(file, content);
  remove_states_before(state_dir, keep_from);
  return content.size();
}

Progress load_training_state(const std::string& state_dir, int epoch,
                             const StateFingerprint& fingerprint, const StateParts& parts) {
  const std::string file = state_file(state_dir, epoch);
  if (!fs::exists(file)) {
    throw Error::input("no saved training state '" + file + "' to continue from epoch " +
                       std::to_string(epoch));
  }
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(file, parts.device);
  } catch (const c10::Error& e) {
    throw Error::input("cannot read the training state '" + file +
                       "': " + e.what_without_backtrace());
  }
  try {
    if (read_value(archive, "format", file).toInt() != kFormat) {
      throw Error::input("training state '" + file + "' has another format version");
    }
    const std::string saved_for = read_value(archive, "fingerprint", file).toStringRef();
    if (saved_for != fingerprint.current && saved_for != fingerprint.legacy) {
      throw Error::input("training state '" + file +
                         "' was saved for another configuration or model than this job's");
    }
    Progress progress;
    progress.epoch = static_cast<int>(read_value(archive, "epoch", file).toInt());
    if (progress.epoch != epoch) {
      throw Error::input("training state '" + file + "' holds epoch " +
                         std::to_string(progress.epoch) + ", not " + std::to_string(epoch));
    }
    progress.horizon = static_cast<int>(read_value(archive, "horizon", file).toInt());
    progress.last = read_value(archive, "last", file).toDouble();
    progress.best = read_value(archive, "best", file).toDouble();
    progress.best_epoch = static_cast<int>(read_value(archive, "best_epoch", file).toInt());

    torch::serialize::InputArchive model;
    archive.read("model", model);
    parts.net.load(model);
    torch::serialize::InputArchive optimizer;
    archive.read("optimizer", optimizer);
    parts.optimizer.load(optimizer);

    torch::Tensor state;
    archive.read("rng_shuffle", state);
    set_generator_state(parts.shuffle, state);
    archive.read("rng_cpu", state);
    set_generator_state(at::detail::getDefaultCPUGenerator(), state);
    if (parts.device.is_cuda()) {
      archive.read("rng_device", state);
      set_generator_state(at::globalContext().defaultGenerator(parts.device), state);
    }
    return progress;
  } catch (const c10::Error& e) {
    throw Error::input("cannot read the training state '" + file +
                       "': " + e.what_without_backtrace());
  }
}

} // namespace hpsearch::train
