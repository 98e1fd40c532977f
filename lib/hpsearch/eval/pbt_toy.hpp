#pragma once
// The toy problem of population-based training (Jaderberg et al. 2017, section 4.1): a
// "model" of two parameters theta = (theta0, theta1), started at (0.9, 0.9), trained by
// gradient ascent (step size kPbtToyStepSize, one step per fidelity unit) on the surrogate
// objective Q^(theta | h) = 1.2 - (h0 theta0^2 + h1 theta1^2), whose coefficients h = (h0, h1)
// are the searched hyperparameters, and scored by the true objective
// Q(theta) = 1.2 - (theta0^2 + theta1^2) (maximize; 1.2 at theta = 0). A step multiplies
// theta_i by (1 - 2 eta h_i); with a fixed h, theta_i(t) = 0.9 (1 - 2 eta h_i)^t.
//
// `objective: {kind: function, name: pbt_toy}` (eval/function_evaluator.hpp) keeps theta and
// the step in the trial's saved state (eval/trial_state.hpp, file kPbtToyStateFile), so a
// continued or copied trial (population-based training's exploit) trains on from there with
// its own, possibly new, h: what a hyperparameter *schedule* does to a real network.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hpsearch {

inline constexpr double kPbtToyStepSize = 0.01;
inline constexpr double kPbtToyStart = 0.9;
inline constexpr const char* kPbtToyStateFile = "pbt_toy.state";

struct PbtToyState {
  double theta0 = kPbtToyStart;
  double theta1 = kPbtToyStart;
  std::int64_t step = 0; ///< gradient steps taken so far (the fidelity reached)

  bool operator==(const PbtToyState&) const = default;
};

/// One gradient-ascent step on Q^(theta | h): theta_i += eta * dQ^/dtheta_i.
void pbt_toy_step(PbtToyState& state, double h0, double h1);

/// The true objective Q(theta).
double pbt_toy_q(const PbtToyState& state);

/// Q after `step` steps from the start with the fixed h = (x[0], x[1]) (the learning curve of
/// one configuration trained alone).
double pbt_toy_curve(const std::vector<double>& x, double step);

/// pbt_toy_curve at kCurveSteps (learning_curves.hpp), the full fidelity.
double pbt_toy_final(const std::vector<double>& x);

/// The state saved in directory `dir`, or nullopt when there is none. Throws hpsearch::Error
/// (io) naming the file when it cannot be read or does not hold a state.
std::optional<PbtToyState> read_pbt_toy_state(const std::string& dir);

/// Saves `state` in directory `dir` (written beside, then renamed: never half a state).
/// Throws hpsearch::Error (io) naming the file when the file system refuses.
void write_pbt_toy_state(const std::string& dir, const PbtToyState& state);

} // namespace hpsearch
