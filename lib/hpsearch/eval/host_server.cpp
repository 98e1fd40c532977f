#include "hpsearch/eval/host_server.hpp"

#include "hpsearch/core/clock.hpp"
#include "hpsearch/eval/evaluate_guarded.hpp"
#include "hpsearch/eval/host_protocol.hpp"

#include <cerrno>
#include <exception>
#include <poll.h>

namespace hpsearch {

namespace {

/// The job's Reporter inside the host: progress goes to the worker; a HostStop that has
/// arrived (read without blocking) is the manager's decision (stop or pause).
class HostReporter final : public Reporter {
public:
  HostReporter(int socket, HostDecoder& decoder) : socket_(socket), decoder_(decoder) {}

  bool report(double step, double value) override {
    send_message(socket_, HostProgress{step, value});
    return stop_requested();
  }

  bool stop_requested() override { return decision() != ReportDecision::proceed; }

  ReportDecision decision() override {
    if (decision_ == ReportDecision::proceed) {
      receive_available(socket_, decoder_);
      while (auto message = decoder_.next()) {
        const auto* stop = std::get_if<HostStop>(&*message);
        if (stop != nullptr && decision_ == ReportDecision::proceed) decision_ = stop->decision;
      }
    }
    return decision_;
  }

private:
  int socket_;
  HostDecoder& decoder_;
  ReportDecision decision_ = ReportDecision::proceed;
};

/// Blocks until a message arrives; nullopt when the worker is gone.
std::optional<HostMessage> wait_message(int socket, HostDecoder& decoder) {
  for (;;) {
    if (auto message = decoder.next()) return message;
    pollfd fd{socket, POLLIN, 0};
    if (::poll(&fd, 1, -1) < 0 && errno != EINTR) return std::nullopt;
    if (!receive_available(socket, decoder)) {
      if (auto message = decoder.next()) return message;
      return std::nullopt;
    }
  }
}

} // namespace

void serve_host(int socket, Evaluator& evaluator) {
  HostDecoder decoder;
  while (auto message = wait_message(socket, decoder)) {
    const auto* job = std::get_if<Job>(&*message);
    if (job == nullptr) continue; // a HostStop for a job that has already ended
    HostReporter reporter(socket, decoder);
    if (!send_message(socket, HostResult{evaluate_guarded(evaluator, *job, reporter)})) return;
  }
}

} // namespace hpsearch
