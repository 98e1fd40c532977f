#pragma once
// run_eval_host: the evaluation host's main (apps/eval_host, `hpsearch-eval-host`). Reads
// the worker's HostInit from the socket, parses the problem as the worker did, builds the
// in-process evaluator (plugin or LibTorch trainer) once, answers HostReady (or the error
// that stopped it, with its exit code) and serves jobs (eval/host_server.hpp) until the
// worker closes the socket.
namespace hpsearch {

/// Returns the process exit code: 0 after the worker closed the socket.
int run_eval_host(int socket);

} // namespace hpsearch
