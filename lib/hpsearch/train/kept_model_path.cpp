#include "hpsearch/train/kept_model_path.hpp"

#include "hpsearch/core/config_text.hpp"

#include <filesystem>
#include <string_view>

namespace hpsearch {

namespace {
constexpr std::string_view kPrefix = "eval-";
constexpr std::string_view kSuffix = ".pt";
} // namespace

std::string kept_models_dir(const std::string& trial_root) {
  return (std::filesystem::path(trial_root) / "models").string();
}

std::string kept_model_path(const std::string& models_dir, std::int64_t id) {
  return (std::filesystem::path(models_dir) /
          (std::string(kPrefix) + std::to_string(id) + std::string(kSuffix)))
      .string();
}

std::optional<std::int64_t> kept_model_id(const std::string& file_name) {
  const std::string_view name = file_name;
  if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix)) return std::nullopt;
  const auto id = number_token<std::int64_t>(
      name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size()));
  if (!id || *id < 0) return std::nullopt;
  return id;
}

} // namespace hpsearch
