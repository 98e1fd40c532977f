#pragma once
// TorchEvaluator: `objective.kind: torch`. Loads the LibTorch trainer module
// (libhpsearch_train.so) with dlopen, so only ranks of torch problems pay LibTorch's
// start-up, and trains each job's network on data loaded once per worker rank.
//
// Each epoch's validation metric goes to the manager through the Reporter (the learning
// curve in /curves); the manager's stop decision ends the job after the epoch, and a rank
// being torn down ends it within about a second.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/eval/evaluator.hpp"
#include "hpsearch/eval/shared_library.hpp"
#include "hpsearch/eval/worker_context.hpp"
#include "hpsearch/train/trainer.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace hpsearch {

/// Where the trainer module is looked for, in order: $HPSEARCH_TRAIN_MODULE when set (then
/// only there), <executable's folder>/../lib/libhpsearch_train.so (the build tree and an
/// installation), the module this build made.
std::vector<std::string> torch_module_candidates();

/// Checks, cheaply and before any rank starts, that a torch problem can run: the module
/// exists and the data files are there with the expected headers and types. Throws
/// hpsearch::Error (bad_input) naming what is wrong.
void check_torch_objective(const Problem& problem);

class TorchEvaluator final : public Evaluator {
public:
  /// Loads the module and the data; throws hpsearch::Error (bad_input) when either fails.
  TorchEvaluator(const Problem& problem, const WorkerContext& context);
  ~TorchEvaluator() override;

  Outcome evaluate(const Job& job, Reporter& reporter) override;

private:
  TorchSpec spec_;
  std::function<bool()> torn_down_;
  SharedLibrary module_; ///< declared before trainer_: outlives it
  std::unique_ptr<train::Trainer> trainer_;
};

} // namespace hpsearch
