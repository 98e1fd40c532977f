#pragma once
// make_evaluator: the worker-side evaluator a problem's `objective:` asks for.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/eval/evaluator.hpp"
#include "hpsearch/eval/worker_context.hpp"

#include <memory>
#include <string>

namespace hpsearch {

/// Seconds past run.eval_timeout before a torch job's host is killed: the trainer itself ends
/// a job that ran out of time at the next batch, keeping its host and data loaded; a batch
/// that does not end within this is killed with the host.
inline constexpr double kTorchTimeoutSlack = 1.0;

/// kind plugin and torch run in an evaluation host child process (eval/host_evaluator.hpp),
/// never in the worker rank; kill_grace applies to their host as to a command's group.
/// Throws hpsearch::Error (bad_input) when the objective cannot be evaluated on this space.
/// `context` is the worker rank the evaluator runs on (a default one outside a search);
/// `workdir` where command jobs' directories go (RunPaths::workdir; kind command needs it).
std::unique_ptr<Evaluator> make_evaluator(const Problem& problem, const WorkerContext& context = {},
                                          const std::string& workdir = "");

/// The evaluator a host process runs itself (kind plugin or torch; internal error for the
/// others): built by the evaluation host (runtime/eval_host_main.hpp) and by check_evaluator.
std::unique_ptr<Evaluator> make_in_process_evaluator(const Problem& problem,
                                                     const WorkerContext& context = {});

/// Checks, before any rank starts work, that the workers will be able to build the
/// evaluator: builds it, except for kind torch, whose module and data are only checked
/// (loading LibTorch and the data on the manager would cost a second and the memory).
/// Throws hpsearch::Error (bad_input) like make_evaluator, and for a run.eval_memory on a
/// kind that evaluates inside the worker (function, plugin, torch).
void check_evaluator(const Problem& problem, const std::string& workdir = "");

} // namespace hpsearch
