#pragma once
// Where kept models go (run.keep_models, train/kept_model_options.hpp): one directory per
// run, <trial_root>/models, one file per evaluation, eval-<id>.pt. Torch-free: the trainer
// writes there, the manager prunes there and `hpsearch export-model` reads from there.
#include <cstdint>
#include <optional>
#include <string>

namespace hpsearch {

/// `<trial_root>/models`.
std::string kept_models_dir(const std::string& trial_root);
/// `<models_dir>/eval-<id>.pt`.
std::string kept_model_path(const std::string& models_dir, std::int64_t id);
/// The evaluation id of a file name "eval-<id>.pt"; nullopt for any other name.
std::optional<std::int64_t> kept_model_id(const std::string& file_name);

} // namespace hpsearch
