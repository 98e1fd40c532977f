#include "hpsearch/runtime/eval_host_main.hpp"

#include "hpsearch/config/problem.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/host_protocol.hpp"
#include "hpsearch/eval/host_server.hpp"
#include "hpsearch/runtime/evaluator_factory.hpp"

#include <cerrno>
#include <exception>
#include <poll.h>

namespace hpsearch {

namespace {

std::optional<HostInit> read_init(int socket) {
  HostDecoder decoder;
  for (bool open = true;;) {
    if (auto message = decoder.next()) {
      if (auto* init = std::get_if<HostInit>(&*message)) return std::move(*init);
      return std::nullopt;
    }
    if (!open) return std::nullopt;
    pollfd fd{socket, POLLIN, 0};
    if (::poll(&fd, 1, -1) < 0 && errno != EINTR) return std::nullopt;
    open = receive_available(socket, decoder);
  }
}

} // namespace

int run_eval_host(int socket) {
  const std::optional<HostInit> init = read_init(socket);
  if (!init) return 1;
  std::unique_ptr<Evaluator> evaluator;
  try {
    const Problem problem = parse_problem(init->problem_text, init->problem_origin);
    WorkerContext context;
    context.rank = static_cast<int>(init->rank);
    context.host = init->host;
    context.local_rank = static_cast<int>(init->local_rank);
    context.local_size = static_cast<int>(init->local_size);
    context.device = init->device;
    context.trial_root = init->trial_root;
    evaluator = make_in_process_evaluator(problem, context);
  } catch (const Error& e) {
    send_message(socket, HostReady{e.what(), static_cast<std::int64_t>(e.code())});
    return 0;
  } catch (const std::exception& e) {
    send_message(socket, HostReady{e.what(), static_cast<std::int64_t>(ExitCode::internal_error)});
    return 0;
  }
  if (!send_message(socket, HostReady{})) return 1;
  serve_host(socket, *evaluator);
  return 0;
}

} // namespace hpsearch
