#pragma once
// Evaluation: one finished (or abandoned) job as the manager records it.
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/status.hpp"

#include <cstdint>
#include <string>

namespace hpsearch {

using JobId = std::int64_t;

struct Evaluation {
  JobId id = -1;
  Config config;
  Status status = Status::ok;
  double objective = 0.0; ///< NaN unless status == ok
  int worker_rank = -1;
  std::string host;
  double submitted_at = 0.0; ///< wall-clock seconds since the Unix epoch
  double started_at = 0.0;
  double finished_at = 0.0;
  std::string message; ///< why it failed, empty when ok
};

} // namespace hpsearch
