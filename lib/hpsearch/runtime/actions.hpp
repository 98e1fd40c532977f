#pragma once
// What ManagerCore asks its transport to do, in order. The transport executes the actions
// of one event in sequence: a Record is always written (and flushed) before the SendJob
// that follows it, so no worker gets new work before its last result is durable.
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/core/job.hpp"

#include <variant>
#include <vector>

namespace hpsearch {

struct SendJob {
  int rank = -1;
  Job job;
};

struct Record {
  Evaluation evaluation;
};

struct ShutdownWorker {
  int rank = -1;
};

using Action = std::variant<SendJob, Record, ShutdownWorker>;
using Actions = std::vector<Action>;

} // namespace hpsearch
