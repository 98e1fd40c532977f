#include "hpsearch/runtime/architecture_metrics_evaluator.hpp"

#include "hpsearch/arch/architecture_metrics.hpp"
#include "hpsearch/arch/network.hpp"
#include "hpsearch/core/error.hpp"

#include <utility>

namespace hpsearch {

ArchitectureMetricsEvaluator::ArchitectureMetricsEvaluator(std::unique_ptr<Evaluator> inner,
                                                           arch::Architecture architecture)
    : inner_(std::move(inner)), architecture_(std::move(architecture)) {}

Outcome ArchitectureMetricsEvaluator::evaluate(const Job& job, Reporter& reporter) {
  Outcome outcome = inner_->evaluate(job, reporter);
  try {
    const arch::Network network = arch::decode_network(architecture_, job.config);
    outcome.metadata = arch::with_architecture_metrics(outcome.metadata, network);
  } catch (const Error&) {
    // An unbuildable network has no size; the outcome already says why it failed.
  }
  return outcome;
}

} // namespace hpsearch
