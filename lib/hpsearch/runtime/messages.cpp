#include "hpsearch/runtime/messages.hpp"

namespace hpsearch {

std::string_view to_string(Tag tag) {
  switch (tag) {
  case Tag::ready:
    return "Ready";
  case Tag::job:
    return "Job";
  case Tag::result:
    return "Result";
  case Tag::shutdown:
    return "Shutdown";
  case Tag::abandon:
    return "Abandon";
  case Tag::abandoned:
    return "Abandoned";
  case Tag::progress:
    return "Progress";
  case Tag::decision:
    return "Decision";
  case Tag::start:
    return "Start";
  }
  return "unknown";
}

ReportDecision decision_of(const DecisionMsg& message) {
  switch (message.code) {
  case static_cast<std::int32_t>(ReportDecision::proceed):
    return ReportDecision::proceed;
  case static_cast<std::int32_t>(ReportDecision::pause):
    return ReportDecision::pause;
  default:
    return ReportDecision::stop;
  }
}

} // namespace hpsearch
