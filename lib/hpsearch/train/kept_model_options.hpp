#pragma once
// run.keep_models (issue 18): how many of the best trained networks keep their weights, as
// self-contained model files (train/kept_model.hpp) under the run's trial directory,
// <run.trial_dir>/models/eval-<id>.pt (train/kept_model_path.hpp). The torch trainer writes
// one for every job that ends ok; the manager deletes a file once its evaluation drops out of
// the K best (runtime/kept_models.hpp). Names and defaults only; config parses the key.
#include <cstdint>

namespace hpsearch {

struct KeptModelOptions {
  std::int64_t keep = 0; ///< K, the best networks kept; 0: none is written
};

} // namespace hpsearch
