#include "hpsearch/core/status.hpp"

namespace hpsearch {

std::string_view to_string(Status status) {
  switch (status) {
  case Status::ok:
    return "ok";
  case Status::failed:
    return "failed";
  case Status::timeout:
    return "timeout";
  case Status::stopped:
    return "stopped";
  case Status::lost:
    return "lost";
  }
  return "unknown";
}

std::optional<Status> status_from_string(std::string_view name) {
  for (Status s : kAllStatuses) {
    if (to_string(s) == name) return s;
  }
  return std::nullopt;
}

} // namespace hpsearch
