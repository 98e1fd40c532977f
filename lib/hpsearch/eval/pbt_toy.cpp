#include "hpsearch/eval/pbt_toy.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/eval/learning_curves.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace hpsearch {

namespace fs = std::filesystem;

void pbt_toy_step(PbtToyState& state, double h0, double h1) {
  // dQ^/dtheta_i = -2 h_i theta_i.
  state.theta0 -= kPbtToyStepSize * 2.0 * h0 * state.theta0;
  state.theta1 -= kPbtToyStepSize * 2.0 * h1 * state.theta1;
  ++state.step;
}

double pbt_toy_q(const PbtToyState& state) {
  return 1.2 - (state.theta0 * state.theta0 + state.theta1 * state.theta1);
}

double pbt_toy_curve(const std::vector<double>& x, double step) {
  PbtToyState state;
  const auto steps = static_cast<std::int64_t>(std::floor(step + 1e-9));
  while (state.step < steps) pbt_toy_step(state, x.at(0), x.at(1));
  return pbt_toy_q(state);
}

double pbt_toy_final(const std::vector<double>& x) {
  return pbt_toy_curve(x, kCurveSteps);
}

std::optional<PbtToyState> read_pbt_toy_state(const std::string& dir) {
  const std::string path = (fs::path(dir) / kPbtToyStateFile).string();
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  std::ifstream in(path);
  PbtToyState state;
  std::string theta0, theta1;
  if (!(in >> theta0 >> theta1 >> state.step)) {
    throw Error::io("pbt_toy: cannot read the saved state '" + path +
                    "' (expected theta0 theta1 step)");
  }
  // Hexadecimal floating point: the state is restored bit for bit.
  state.theta0 = std::strtod(theta0.c_str(), nullptr);
  state.theta1 = std::strtod(theta1.c_str(), nullptr);
  return state;
}

void write_pbt_toy_state(const std::string& dir, const PbtToyState& state) {
  const std::string path = (fs::path(dir) / kPbtToyStateFile).string();
  const std::string partial = path + ".tmp";
  char text[128];
  std::snprintf(text, sizeof text, "%a %a %lld\n", state.theta0, state.theta1,
                static_cast<long long>(state.step));
  {
    std::ofstream out(partial, std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw Error::io("pbt_toy: cannot write the state '" + partial + "'");
  }
  std::error_code ec;
  fs::rename(partial, path, ec);
  if (ec) {
    throw Error::io("pbt_toy: cannot rename '" + partial + "' to '" + path + "': " + ec.message());
  }
}

} // namespace hpsearch
