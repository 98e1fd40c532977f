#pragma once
// TorchEvaluator: `objective.kind: torch`. Loads the LibTorch trainer module
// (libhpsearch_train.so, found by torch_module_search.hpp, checked by torch_module_abi.hpp)
// with dlopen, so only ranks of torch problems pay LibTorch's start-up, and trains each
// job's network on data loaded once per worker rank. Takes a spec value, as
// CommandEvaluator takes a CommandSpec.
//
// Each epoch's validation metric goes to the manager through the Reporter (the learning
// curve in /curves); the manager's stop decision ends the job after the epoch, and a rank
// being torn down ends it within about a second. With a trial directory
// (WorkerContext::trial_root, run.trial_dir), every job that ends ok or paused saves its
// trial's training state in <trial_root>/trial-<id> (eval/trial_state.hpp), and a job with
// from_fidelity > 0 continues from it (train/trainer.hpp, train/training_state.hpp).
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
  /// run.keep_models > 0: every job that ends ok keeps its network under the trial root
  /// (train/kept_model_path.hpp); the manager keeps the best K.
  bool keep_models = false;
};

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
  std::string trial_root_; ///< WorkerContext::trial_root; "": jobs keep no state
  SharedLibrary module_;   ///< declared before trainer_: outlives it
  std::unique_ptr<train::Trainer> trainer_;
};

} // namespace hpsearch
