#pragma once
// PluginEvaluator: `objective.kind: plugin`. Loads a shared library once (per worker
// rank) and calls its hps_evaluate (the C ABI of hpsearch_plugin.h) for each job, with the
// configuration as JSON and a reporter bridging hps_report() to the job's Reporter.
//
// Outcomes: HPS_OK with a finite objective -> ok; HPS_OK with NaN/inf -> failed; HPS_STOPPED
// -> stopped with its objective (or the last reported value); any other code -> failed,
// message "plugin returned <code>: <the plugin's message>".
#include "hpsearch/eval/evaluator.hpp"
#include "hpsearch/eval/hpsearch_plugin.h"
#include "hpsearch/eval/shared_library.hpp"

#include <string>

namespace hpsearch {

class PluginEvaluator final : public Evaluator {
public:
  /// Throws hpsearch::Error (bad_input) when the library cannot be loaded, does not export
  /// hps_evaluate, or reports another ABI version; the message names the path and symbol.
  explicit PluginEvaluator(const std::string& library);

  /// Never throws for a failing evaluation (an exception from the reporter ends the job as
  /// failed, after asking the plugin to stop).
  Outcome evaluate(const Job& job, Reporter& reporter) override;

  static constexpr std::size_t kMessageSize = 1024;

private:
  SharedLibrary library_;
  hps_evaluate_fn evaluate_ = nullptr;
};

} // namespace hpsearch
