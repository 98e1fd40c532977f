#include "hpsearch/train/kept_model.hpp"

#include "hpsearch/core/config_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/train/atomic_file.hpp"
#include "hpsearch/train/hyperparameters.hpp"
#include "hpsearch/train/torch_model.hpp"
#include "hpsearch/train/torch_network.hpp"

#include <filesystem>
#include <sstream>
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

namespace hpsearch::train {

namespace {

constexpr const char* kKind = "hpsearch kept model";
constexpr std::int64_t kFormat = 1; ///< bumped when the keys below change meaning

/// Entry `key` of the archive (a value, a tensor or a nested archive).
template <class T>
T read_entry(torch::serialize::InputArchive& archive, const std::string& key,
             const std::string& file) {
  T value;
  if (!archive.try_read(key, value)) {
    throw Error::input("'" + file + "' lacks '" + key + "' (not a model hpsearch kept)");
  }
  return value;
}

c10::IValue read_value(torch::serialize::InputArchive& archive, const std::string& key,
                       const std::string& file) {
  return read_entry<c10::IValue>(archive, key, file);
}

} // namespace

torch::nn::Sequential build_network(const std::string& model, const std::string& architecture,
                                    const Config& config,
                                    const std::vector<std::int64_t>& sample_shape,
                                    std::int64_t classes) {
  if (model == "architecture") {
    return build_architecture(architecture, config, sample_shape, classes);
  }
  const Hyperparameters h = read_hyperparameters(config, model);
  return model == "cnn" ? build_cnn(h, sample_shape, classes) : build_mlp(h, sample_shape, classes);
}

void save_kept_model(const std::string& path, torch::nn::Module& net, const KeptModelInfo& info,
                     const torch::Tensor& mean, const torch::Tensor& deviation) {
  std::error_code ec;
  const auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  if (ec) throw Error::io("cannot create '" + dir.string() + "': " + ec.message());
  torch::serialize::OutputArchive archive;
  archive.write("kind", c10::IValue(std::string(kKind)));
  archive.write("format", c10::IValue(kFormat));
  archive.write("model", c10::IValue(info.model));
  archive.write("architecture", c10::IValue(info.architecture));
  archive.write("config", c10::IValue(config_text(info.config)));
  archive.write("sample_shape", c10::IValue(info.sample_shape));
  archive.write("classes", c10::IValue(info.classes));
  archive.write("metric", c10::IValue(info.metric));
  archive.write("value", c10::IValue(info.value));
  archive.write("evaluation", c10::IValue(info.evaluation));
  archive.write("mean", mean.detach().to(torch::kCPU));
  archive.write("deviation", deviation.detach().to(torch::kCPU));
  torch::serialize::OutputArchive weights;
  net.save(weights);
  archive.write("weights", weights);
  std::ostringstream bytes;
  archive.save_to(bytes);
  write_file_atomically(path, std::move(bytes).str());
}

KeptModel load_kept_model(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) {
    throw Error::input("no kept model '" + path + "'");
  }
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(path, torch::kCPU);
  } catch (const c10::Error& e) {
    throw Error::input("cannot read the kept model '" + path + "': " + e.what_without_backtrace());
  }
  KeptModel kept;
  try {
    if (read_value(archive, "kind", path).toStringRef() != kKind ||
        read_value(archive, "format", path).toInt() != kFormat) {
      throw Error::input("'" + path + "' is not a kept model of this hpsearch's format");
    }
    KeptModelInfo& info = kept.info;
    info.model = read_value(archive, "model", path).toStringRef();
    info.architecture = read_value(archive, "architecture", path).toStringRef();
    info.config = parse_config_text(read_value(archive, "config", path).toStringRef());
    info.sample_shape = read_value(archive, "sample_shape", path).toIntVector();
    info.classes = read_value(archive, "classes", path).toInt();
    info.metric = read_value(archive, "metric", path).toStringRef();
    info.value = read_value(archive, "value", path).toDouble();
    info.evaluation = read_value(archive, "evaluation", path).toInt();
    kept.mean = read_entry<torch::Tensor>(archive, "mean", path);
    kept.deviation = read_entry<torch::Tensor>(archive, "deviation", path);
    kept.net =
        build_network(info.model, info.architecture, info.config, info.sample_shape, info.classes);
    auto weights = read_entry<torch::serialize::InputArchive>(archive, "weights", path);
    kept.net->load(weights);
  } catch (const c10::Error& e) {
    throw Error::input("cannot read the kept model '" + path + "': " + e.what_without_backtrace());
  }
  kept.net->eval();
  return kept;
}

} // namespace hpsearch::train
