#pragma once
// FunctionEvaluator: evaluates a built-in test function (test_functions.hpp) on the
// configuration's parameters, optionally sleeping first to emulate a training run. A
// learning-curve function (learning_curves.hpp) is trained step by step instead: from step
// floor(from_fidelity) + 1 to floor(fidelity) (0: all 27), each step's value reported to the
// Reporter and each step sleeping its own draw of the sleep range; the objective is the last
// step's value (Status::stopped when the reporter stopped the job before its last step).
#include "hpsearch/eval/evaluator.hpp"
#include "hpsearch/eval/test_functions.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hpsearch {

class FunctionEvaluator final : public Evaluator {
public:
  /// `parameters` are the Config names read, in order, as the function's coordinates.
  /// Each evaluation sleeps a duration drawn uniformly in [sleep_min, sleep_max] seconds
  /// (log-uniformly when `sleep_log`: heavy-tailed, like real training times).
  /// Throws hpsearch::Error when the function is unknown (listing the known names), when
  /// it does not accept parameters.size() coordinates, or when the sleep range is invalid.
  /// `trial_root`: where trials' saved states go (WorkerContext::trial_root); "" for none.
  /// Only pbt_toy keeps a state (eval/pbt_toy.hpp): without a root it trains every job from
  /// the start and fails a job that continues a trial.
  FunctionEvaluator(const std::string& function, std::vector<std::string> parameters,
                    double sleep_min = 0.0, double sleep_max = 0.0, bool sleep_log = false,
                    std::string trial_root = {});

  /// Reads the parameters (as_double), sleeps, returns the raw function value (never
  /// negated: the direction is the strategy's business). A missing or non-numeric
  /// parameter or a non-finite value gives Status::failed with a message; never throws.
  Outcome evaluate(const Job& job, Reporter& reporter) override;

  /// The sleep a job with this seed gets: deterministic per seed, in [sleep_min, sleep_max].
  double sleep_seconds(std::uint64_t seed) const;

  const TestFunction& function() const { return *function_; }
  const std::vector<std::string>& parameters() const { return parameters_; }

private:
  Outcome train_curve(const Job& job, const std::vector<double>& x, Reporter& reporter,
                      Outcome outcome) const;
  Outcome train_pbt_toy(const Job& job, const std::vector<double>& x, Reporter& reporter,
                        Outcome outcome) const;

  const TestFunction* function_;
  std::vector<std::string> parameters_;
  double sleep_min_;
  double sleep_max_;
  bool sleep_log_;
  std::string trial_root_;
};

} // namespace hpsearch
