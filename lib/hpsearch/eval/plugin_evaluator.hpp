#pragma once
// PluginEvaluator: `objective.kind: plugin`. Loads a shared library once (per worker
// rank) and calls its hps_evaluate (the C ABI of hpsearch_plugin.h) for each job, with the
// configuration as JSON and a reporter bridging hps_report() to the job's Reporter.
//
// Outcomes: HPS_OK with a finite objective -> ok; HPS_OK with NaN/inf -> failed; HPS_STOPPED
// -> stopped with its objective (or the last reported value); any other code -> failed,
// message "plugin returned <code>: <the plugin's message>". Plugins of ABI versions 1 and 2
// load; a continuation job's reports of steps <= from_fidelity are not forwarded
// (eval/continuation_reporter.hpp).
#include "hpsearch/eval/evaluator.hpp"
#include "hpsearch/eval/hpsearch_plugin.h"
#include "hpsearch/eval/shared_library.hpp"

#include <string>

namespace hpsearch {

class PluginEvaluator final : public Evaluator {
public:
  /// Throws hpsearch::Error (bad_input) when the library cannot be loaded, does not export
  /// hps_evaluate, or reports another ABI version; the message names the path and symbol.
  /// `trial_root`: WorkerContext::trial_root, where each job's trial state directory is
  /// prepared (eval/trial_state.hpp) and passed as hps_trial_dir(); "": none.
  explicit PluginEvaluator(const std::string& library, std::string trial_root = "");

  /// Never throws for a failing evaluation (an exception from the reporter ends the job as
  /// failed, after asking the plugin to stop).
  Outcome evaluate(const Job& job, Reporter& reporter) override;

  static constexpr std::size_t kMessageSize = 1024;

private:
  SharedLibrary library_;
  hps_evaluate_fn evaluate_ = nullptr;
  std::string trial_root_;
};

} // namespace hpsearch
