#pragma once
// TorchSpec: the options of `objective.kind: torch` as plain values with their defaults —
// the trainer's options header, which config parses the problem file into (config may
// include it: tests/layering_test.py). Torch-free.
#include "hpsearch/core/value.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace hpsearch {

/// `objective.kind: torch` — the built-in LibTorch trainer: which data, which network,
/// which validation metric, and the hyperparameters held fixed (train/hyperparameter_catalog.hpp
/// names them all).
struct TorchSpec {
  std::string dataset = "fashion_mnist"; ///< fashion_mnist | mnist | hdf5 | csv
  /// Folder (IDX) or file (hdf5, csv), resolved against the problem file's folder when
  /// relative; empty: the dataset's default folder (fashion_mnist, mnist only).
  std::string data_path;
  double validation_fraction = 0.2; ///< in (0, 1)
  std::uint64_t split_seed = 0;
  std::int64_t subset = 0;   ///< > 0: use only this many examples; 0: all
  std::string label_column;  ///< csv: label column name; empty: the last column
  std::string model = "mlp"; ///< mlp | cnn | architecture
  /// model architecture: the problem's `architecture:` as arch/architecture_text.hpp text
  /// (set by config; the trainer decodes each job's arch.* genes into a network with it).
  std::string architecture;
  std::string metric = "accuracy"; ///< accuracy | loss (resolved from direction when not given)
  std::string final = "last";      ///< last | best
  std::vector<std::pair<std::string, Value>> fixed; ///< `fixed:` hyperparameters, file order
};

} // namespace hpsearch
