#pragma once
// ArchitectureMetricsEvaluator: wraps a worker's evaluator for a problem with an architecture
// and adds to every outcome's metadata the parameters and multiply-adds of the network the
// job's genes choose (arch/architecture_metrics.hpp). Computed on the worker, not the
// manager: the decode is per job, and the manager's loop stays free of it at thousands of
// workers; every objective kind gets it (torch, or a command building the network itself).
#include "hpsearch/arch/architecture.hpp"
#include "hpsearch/eval/evaluator.hpp"

#include <memory>

namespace hpsearch {

class ArchitectureMetricsEvaluator final : public Evaluator {
public:
  ArchitectureMetricsEvaluator(std::unique_ptr<Evaluator> inner, arch::Architecture architecture);

  /// The inner evaluator's outcome, with arch_params and arch_flops in its metadata; none
  /// when the genes choose a network that cannot be built (the torch trainer's failure
  /// message names the node; a command's own outcome stands).
  Outcome evaluate(const Job& job, Reporter& reporter) override;

private:
  std::unique_ptr<Evaluator> inner_;
  arch::Architecture architecture_;
};

} // namespace hpsearch
