#pragma once
// serve_host: the evaluation host's side of the host protocol (host_protocol.hpp). Runs an
// in-process evaluator (plugin, LibTorch trainer) for each Job the worker sends, streaming
// its progress as HostProgress and taking the worker's HostStop as the manager's decision
// (the job's Reporter answers stop), and answers each Job with one HostResult.
#include "hpsearch/eval/evaluator.hpp"

namespace hpsearch {

/// Serves jobs until the worker closes the socket (returns) or the socket fails. An
/// exception from the evaluator becomes a failed result, as in the worker's loop.
void serve_host(int socket, Evaluator& evaluator);

} // namespace hpsearch
