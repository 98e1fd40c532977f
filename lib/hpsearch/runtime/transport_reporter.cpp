#include "hpsearch/runtime/transport_reporter.hpp"

namespace hpsearch {

bool TransportReporter::report(double step, double value) {
  transport_.send(manager_, ProgressMsg{job_id_, step, value});
  ++reports_;
  drain_decisions();
  return decision_ != ReportDecision::proceed;
}

bool TransportReporter::stop_requested() {
  drain_decisions();
  return decision_ != ReportDecision::proceed;
}

ReportDecision TransportReporter::decision() {
  drain_decisions();
  return decision_;
}

void TransportReporter::drain_decisions() {
  while (auto envelope = transport_.try_receive(Tag::decision)) {
    const auto& decision = std::get<DecisionMsg>(envelope->message);
    if (decision.job_id == job_id_ && decision_ == ReportDecision::proceed) {
      decision_ = decision_of(decision);
    }
  }
}

} // namespace hpsearch
