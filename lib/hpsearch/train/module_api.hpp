#pragma once
// The C entry points of the trainer module libhpsearch_train.so, found with dlsym. The
// module and hpsearch are built together from one tree, so C++ types cross the boundary;
// kAbiVersion guards against a module left over from another build. No exception crosses
// it: errors come back as text.
#include "hpsearch/train/trainer.hpp"

#include <memory>
#include <string>

/// The module is compiled with hidden visibility; this marks what it exports.
#define HPSEARCH_TRAIN_EXPORT __attribute__((visibility("default")))

namespace hpsearch::train {

/// Bumped whenever TrainerOptions, DataSpec, Trainer or Job change layout.
inline constexpr int kAbiVersion = 4; ///< 4: TrainerOptions::models_dir

inline constexpr const char* kAbiSymbol = "hpsearch_train_abi";
inline constexpr const char* kCreateSymbol = "hpsearch_train_create";

/// int hpsearch_train_abi(void): the kAbiVersion the module was built with.
using AbiFn = int (*)();
/// Loads spec's data and builds the trainer; on failure returns null and sets `error`.
using CreateFn = Trainer* (*)(const DataSpec& data, const TrainerOptions& options,
                              std::string& error);

/// The same, linked directly (tests and benchmarks link the module; `hpsearch` does not):
/// throws hpsearch::Error naming what is wrong.
HPSEARCH_TRAIN_EXPORT std::unique_ptr<Trainer> make_torch_trainer(Split data,
                                                                  const TrainerOptions& options);

} // namespace hpsearch::train
