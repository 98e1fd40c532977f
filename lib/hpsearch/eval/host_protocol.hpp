#pragma once
// The evaluation host protocol: what a worker rank (HostEvaluator) and its evaluation host
// child (`hpsearch-eval-host`, serve_host) say over the socketpair between them. Each
// message is one frame: its payload's length (4 bytes, little-endian), then the payload, a
// kind byte and the fields (integers and doubles as 8 little-endian bytes, strings as a
// length and bytes). Both ends are the same build, so the format carries no version.
//
//   worker -> host:  HostInit (once), Job, HostStop (the manager stopped or paused the
//                    running job)
//   host -> worker:  HostReady (the evaluator is built, or why not), HostProgress, HostResult
#include "hpsearch/core/job.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace hpsearch {

/// What the host builds its evaluator from: the problem file as the worker parsed it and
/// the worker's place (WorkerContext; its child_env is the host's environment already).
struct HostInit {
  std::string problem_text;
  std::string problem_origin;
  std::string workdir;
  std::int64_t rank = 0;
  std::string host;
  std::int64_t local_rank = 0;
  std::int64_t local_size = 1;
  std::string device = "cpu";
  std::string trial_root; ///< WorkerContext::trial_root
  friend bool operator==(const HostInit&, const HostInit&) = default;
};

/// The host's answer to HostInit: ready when `error` is empty, else the evaluator could not
/// be built and `exit_code` is the hpsearch::Error category (ExitCode) to rethrow it with.
struct HostReady {
  std::string error;
  std::int64_t exit_code = 0;
  friend bool operator==(const HostReady&, const HostReady&) = default;
};

struct HostProgress {
  double step = 0.0;
  double value = 0.0;
  friend bool operator==(const HostProgress&, const HostProgress&) = default;
};

/// The manager ended the running job: `decision` is ReportDecision::stop or ::pause (the
/// trial's state is kept; the host's Reporter::decision() says so to the evaluator).
struct HostStop {
  ReportDecision decision = ReportDecision::stop;
  friend bool operator==(const HostStop&, const HostStop&) = default;
};

struct HostResult {
  Outcome outcome;
};

using HostMessage = std::variant<HostInit, HostReady, Job, HostProgress, HostStop, HostResult>;

/// The whole frame (length prefix included).
std::string encode(const HostMessage& message);

/// Reassembles frames from bytes as they arrive. Throws hpsearch::Error (internal) for a
/// malformed frame: both ends are hpsearch, so that is a bug or a stray writer on the socket.
class HostDecoder {
public:
  void feed(std::string_view bytes);
  /// The next complete message, or nullopt until more bytes arrive.
  std::optional<HostMessage> next();

  /// Frames larger than this are refused (a problem file and a configuration fit easily).
  static constexpr std::uint32_t kMaxFrame = 64u << 20;

private:
  std::string buffer_;
};

/// Writes the message's frame to a socket (MSG_NOSIGNAL: a dead peer is false, never
/// SIGPIPE), waiting while the socket is full. False when the peer is gone.
bool send_message(int socket, const HostMessage& message);
/// Reads what the socket holds now without blocking and feeds it to `decoder`. False at end
/// of stream or on an error (the peer is gone).
bool receive_available(int socket, HostDecoder& decoder);

} // namespace hpsearch
