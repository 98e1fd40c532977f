#include "hpsearch/eval/plugin_evaluator.hpp"

#include "hpsearch/core/clock.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/core/value.hpp"
#include "hpsearch/eval/config_json.hpp"
#include "hpsearch/eval/continuation_reporter.hpp"
#include "hpsearch/eval/trial_state.hpp"

#include <array>
#include <cmath>
#include <exception>
#include <limits>

namespace hpsearch {

namespace {

/// What the C callbacks reach through hps_reporter::context.
struct Bridge {
  Reporter* reporter = nullptr;
  double last_step = std::numeric_limits<double>::quiet_NaN();
  double last_value = std::numeric_limits<double>::quiet_NaN();
  bool stop = false;
  std::string error; ///< an exception the reporter raised; the job then fails
};

extern "C" int hps_bridge_report(void* context, double step, double value) {
  auto* bridge = static_cast<Bridge*>(context);
  bridge->last_step = step;
  bridge->last_value = value;
  if (!bridge->error.empty()) return 1;
  try {
    if (bridge->reporter->report(step, value)) bridge->stop = true;
  } catch (const std::exception& e) {
    bridge->error = std::string("reporting progress failed: ") + e.what();
  }
  return bridge->stop || !bridge->error.empty() ? 1 : 0;
}

extern "C" int hps_bridge_should_stop(void* context) {
  auto* bridge = static_cast<Bridge*>(context);
  if (!bridge->error.empty()) return 1;
  try {
    if (bridge->reporter->stop_requested()) bridge->stop = true;
  } catch (const std::exception& e) {
    bridge->error = std::string("reporting progress failed: ") + e.what();
  }
  return bridge->stop || !bridge->error.empty() ? 1 : 0;
}

std::string describe(double x) {
  return std::isnan(x) ? "nan" : to_string(Value{x});
}

} // namespace

PluginEvaluator::PluginEvaluator(const std::string& library, std::string trial_root)
    : library_(library), trial_root_(std::move(trial_root)) {
  evaluate_ = reinterpret_cast<hps_evaluate_fn>(library_.require(
      "hps_evaluate", "see eval/hpsearch_plugin.h; a C++ plugin needs extern \"C\""));
  if (void* version = library_.find("hps_plugin_abi_version")) {
    const int abi = reinterpret_cast<hps_plugin_abi_version_fn>(version)();
    if (abi < HPS_PLUGIN_ABI_VERSION_MIN || abi > HPS_PLUGIN_ABI_VERSION) {
      throw Error::input("objective.library: the plugin '" + library +
                         "' was built for plugin ABI " + std::to_string(abi) +
                         "; this hpsearch speaks ABI " +
                         std::to_string(HPS_PLUGIN_ABI_VERSION_MIN) + " to " +
                         std::to_string(HPS_PLUGIN_ABI_VERSION) + " (rebuild it with this " +
                         "hpsearch's hpsearch_plugin.h)");
    }
  }
}

Outcome PluginEvaluator::evaluate(const Job& job, Reporter& reporter) {
  Outcome outcome;
  outcome.started_at = wall_seconds();
  const std::string json = to_json(job.config);
  std::string trial_dir;
  try {
    if (!trial_root_.empty()) trial_dir = prepare_trial_state(trial_root_, job);
  } catch (const std::exception& e) {
    outcome.status = Status::failed;
    outcome.message = e.what();
    outcome.finished_at = wall_seconds();
    return outcome;
  }
  ContinuationReporter continuation(reporter, job.from_fidelity);
  Bridge bridge;
  bridge.reporter = &continuation;
  hps_reporter c_reporter{};
  c_reporter.abi_version = HPS_PLUGIN_ABI_VERSION;
  c_reporter.job_id = job.id;
  c_reporter.seed = job.seed;
  c_reporter.fidelity = job.fidelity;
  c_reporter.context = &bridge;
  c_reporter.report = &hps_bridge_report;
  c_reporter.should_stop = &hps_bridge_should_stop;
  c_reporter.trial_id = trial_of(job);
  c_reporter.from_fidelity = job.from_fidelity;
  c_reporter.trial_dir = trial_dir.empty() ? nullptr : trial_dir.c_str();
  double objective = std::numeric_limits<double>::quiet_NaN();
  std::array<char, kMessageSize> message{};
  const int code = evaluate_(json.c_str(), &c_reporter, &objective, message.data(), message.size());
  message.back() = '\0';
  outcome.finished_at = wall_seconds();
  const std::string text(message.data());

  if (!bridge.error.empty()) {
    outcome.status = Status::failed;
    outcome.message = bridge.error;
  } else if (code == HPS_OK && std::isfinite(objective)) {
    outcome.status = Status::ok;
    outcome.objective = objective;
    outcome.message = text;
  } else if (code == HPS_OK) {
    outcome.status = Status::failed;
    outcome.message = "plugin returned a non-finite objective (" + describe(objective) + ")" +
                      (text.empty() ? "" : ": " + text);
  } else if (code == HPS_STOPPED) {
    outcome.status = Status::stopped;
    outcome.objective = std::isfinite(objective) ? objective : bridge.last_value;
    outcome.message =
        std::string(bridge.stop ? "stopped by the manager" : "stopped by the plugin") +
        " at step " + describe(bridge.last_step) + " (last value " + describe(outcome.objective) +
        ")";
  } else {
    outcome.status = Status::failed;
    outcome.message =
        "plugin returned " + std::to_string(code) + (text.empty() ? " (no message)" : ": " + text);
  }
  return outcome;
}

} // namespace hpsearch
