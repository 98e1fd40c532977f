#pragma once
// make_evaluator: the worker-side evaluator a problem's `objective:` asks for.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/eval/evaluator.hpp"
#include "hpsearch/eval/worker_context.hpp"

#include <memory>

namespace hpsearch {

/// Throws hpsearch::Error (bad_input) when the objective cannot be evaluated on this space.
/// `context` is the worker rank the evaluator runs on (a default one outside a search).
std::unique_ptr<Evaluator> make_evaluator(const Problem& problem,
                                          const WorkerContext& context = {});

} // namespace hpsearch
