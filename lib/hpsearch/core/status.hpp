#pragma once
// Status of a finished evaluation. The numeric values are stored in the checkpoint's
// HDF5 enum type, so never renumber them.
#include <cstdint>
#include <optional>
#include <string_view>

namespace hpsearch {

enum class Status : std::int8_t {
  ok = 0,      ///< an objective was obtained
  failed = 1,  ///< the evaluation raised, crashed or produced no usable objective
  timeout = 2, ///< killed after run.eval_timeout
  stopped = 3, ///< stopped early by the manager (multi-fidelity) or at shutdown
  lost = 4,    ///< was in flight when an allocation ended; re-queued on resume
};

inline constexpr Status kAllStatuses[] = {Status::ok, Status::failed, Status::timeout,
                                          Status::stopped, Status::lost};

std::string_view to_string(Status status);
std::optional<Status> status_from_string(std::string_view name);

} // namespace hpsearch
