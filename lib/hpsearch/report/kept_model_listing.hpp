#pragma once
// `hpsearch show`'s kept networks (run.keep_models, issue 18): the K best ok evaluations,
// ranked as the manager keeps them (best_first), each with the file its weights are kept in
// and whether that file is there. Paths come from the caller (train/kept_model_path.hpp).
#include "hpsearch/store/reader.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hpsearch::report {

struct KeptModelFile {
  const Evaluation* evaluation = nullptr;
  std::string path;     ///< <trial_dir>/models/eval-<id>.pt
  bool present = false; ///< the file exists (a regular file)
};

/// "Kept models (run.keep_models K, N of K present):" then one line per file, best first:
/// "eval <id>  objective <v>  <path>  present|missing"; a line saying none is kept yet when
/// `files` is empty.
std::string format_kept_models(const std::vector<KeptModelFile>& files, std::int64_t keep);

} // namespace hpsearch::report
