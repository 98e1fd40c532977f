#pragma once
// make_evaluator: the worker-side evaluator a problem's `objective:` asks for.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/eval/evaluator.hpp"
#include "hpsearch/eval/worker_context.hpp"

#include <memory>
#include <string>

namespace hpsearch {

/// Throws hpsearch::Error (bad_input) when the objective cannot be evaluated on this space.
/// `context` is the worker rank the evaluator runs on (a default one outside a search);
/// `workdir` where command jobs' directories go (RunPaths::workdir; kind command needs it).
std::unique_ptr<Evaluator> make_evaluator(const Problem& problem, const WorkerContext& context = {},
                                          const std::string& workdir = "");

/// Checks, before any rank starts work, that the workers will be able to build the
/// evaluator: builds it, except for kind torch, whose module and data are only checked
/// (loading LibTorch and the data on the manager would cost a second and the memory).
/// Throws hpsearch::Error (bad_input) like make_evaluator, and for a run.eval_memory on a
/// kind that evaluates inside the worker (function, plugin, torch).
void check_evaluator(const Problem& problem, const std::string& workdir = "");

} // namespace hpsearch
