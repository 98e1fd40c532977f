#pragma once
// TorchEvaluator: `objective.kind: torch`. Loads the LibTorch trainer module
// (libhpsearch_train.so, found by torch_module_search.hpp, checked by torch_module_abi.hpp)
// with dlopen, so only ranks of torch problems pay LibTorch's start-up, and trains each
// job's network on data loaded once per worker rank. Takes a spec value, as
// CommandEvaluator takes a CommandSpec.
//
// Each epoch's validation metric goes to the manager through the Reporter (the learning
// curve in /curves); the manager's stop decision ends the job after the epoch, and a rank
// being torn down ends it within about a second. With a trial directory, every job that
// ends ok saves its trial's training state, and a job with from_fidelity > 0 continues
// from it (train/trainer.hpp).
#include "hpsearch/eval/evaluator.hpp"
#include "hpsearch/eval/shared_library.hpp"
#include "hpsearch/eval/worker_context.hpp"
#include "hpsearch/train/torch_options.hpp"
#include "hpsearch/train/trainer.hpp"

#include <functional>
#include <memory>
#include <string>

namespace hpsearch {

struct TorchEvaluatorSpec {
  TorchSpec torch; ///< objective: data, model, metric, final, fixed
  int threads = 1; ///< intra-op threads per worker (run.threads_per_worker; >= 1)
  /// run.trial_dir: where each trial's state directory is (trial_state_dir); empty: jobs
  /// keep no state and cannot continue a trial. HOOK: runtime/evaluator_factory sets it
  /// from run.trial_dir once that option exists (issue 15; not yet on this branch).
  std::string trial_dir;
};

/// The state directory of `job`'s trial: `<trial_dir>/trial-<trial>` (the job id when the
/// job has no trial), empty when trial_dir is.
std::string trial_state_dir(const std::string& trial_dir, const Job& job);

/// Checks, cheaply and before any rank starts, that a torch objective can run: the module
/// exists and the data files are there with the expected headers and types. Throws
/// hpsearch::Error (bad_input) naming what is wrong.
void check_torch_objective(const TorchSpec& spec);

class TorchEvaluator final : public Evaluator {
public:
  /// Loads the module and the data; throws hpsearch::Error (bad_input) when either fails.
  TorchEvaluator(TorchEvaluatorSpec spec, const WorkerContext& context);
  ~TorchEvaluator() override;

  /// The job's configuration completed by the catalog (its point over `fixed:` over the
  /// defaults, train/hyperparameter_catalog.hpp), trained.
  Outcome evaluate(const Job& job, Reporter& reporter) override;

private:
  TorchEvaluatorSpec spec_;
  std::function<bool()> torn_down_;
  SharedLibrary module_; ///< declared before trainer_: outlives it
  std::unique_ptr<train::Trainer> trainer_;
};

} // namespace hpsearch
