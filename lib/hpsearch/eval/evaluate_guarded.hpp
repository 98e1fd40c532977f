#pragma once
// evaluate_guarded: Evaluator::evaluate with an escaped exception turned into a failed
// Outcome ("evaluator raised: ..."), so that neither a worker rank nor an evaluation host
// dies of one. The one place both run an evaluator.
#include "hpsearch/core/job.hpp"
#include "hpsearch/eval/evaluator.hpp"
#include "hpsearch/eval/reporter.hpp"

namespace hpsearch {

Outcome evaluate_guarded(Evaluator& evaluator, const Job& job, Reporter& reporter);

} // namespace hpsearch
