#include "hpsearch/search/tpe/tpe_strategy.hpp"

#include "hpsearch/core/config_text.hpp"
#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>

namespace hpsearch {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
/// Rounds of `candidates` draws from l before a draw from the prior takes over, when every
/// candidate so far was forbidden or already known.
constexpr int kCandidateRounds = 10;

void check(const TpeOptions& o) {
  const auto fail = [](const std::string& key, const std::string& got, const char* expected) {
    throw Error::input("search.tpe." + key + ": expected " + expected + ", got " + got);
  };
  if (o.startup_trials < 0)
    fail("startup_trials", std::to_string(o.startup_trials), "an integer >= 0");
  if (o.candidates < 1) fail("candidates", std::to_string(o.candidates), "an integer >= 1");
  if (!(o.gamma > 0.0 && o.gamma <= 1.0))
    fail("gamma", real_token(o.gamma), "a fraction in (0, 1]");
  if (o.gamma_max < 1) fail("gamma_max", std::to_string(o.gamma_max), "an integer >= 1");
  if (!(o.prior_weight > 0.0) || !std::isfinite(o.prior_weight)) {
    fail("prior_weight", real_token(o.prior_weight), "a number > 0");
  }
}

/// The fidelity a result groups under: a multi-fidelity scheduler's results (rung >= 0) by
/// their fidelity, every other under 0.
double fidelity_of(const Evaluation& evaluation) {
  return evaluation.rung >= 0 ? evaluation.fidelity : 0.0;
}

} // namespace

TpeSplit tpe_split(const std::vector<double>& losses, std::size_t good) {
  std::vector<std::size_t> order(losses.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return losses[a] < losses[b]; });
  good = std::min(good, order.size());
  TpeSplit split{{order.begin(), order.begin() + static_cast<std::ptrdiff_t>(good)},
                 {order.begin() + static_cast<std::ptrdiff_t>(good), order.end()}};
  std::sort(split.good.begin(), split.good.end());
  std::sort(split.bad.begin(), split.bad.end());
  return split;
}

TpeStrategy::TpeStrategy(const SearchSpace& space, TpeOptions options, Direction direction,
                         std::uint64_t seed)
    : space_(space), tpe_space_(space_), options_(options), direction_(direction), rng_(seed) {
  check(options_);
}

std::optional<double> TpeStrategy::fit_fidelity() const {
  std::map<double, std::int64_t> with_value;
  for (const Result& r : results_) {
    if (!std::isnan(r.loss)) ++with_value[r.fidelity];
  }
  const std::int64_t needed = std::max<std::int64_t>(options_.startup_trials, 1);
  for (auto it = with_value.rbegin(); it != with_value.rend(); ++it) {
    if (it->second >= needed) return it->first;
  }
  return std::nullopt;
}

bool TpeStrategy::known(const Config& config) const {
  return observed_.count(config_text(config)) > 0 ||
         std::find(pending_.begin(), pending_.end(), config) != pending_.end();
}

Config TpeStrategy::from_model(double fidelity) {
  // The split: results at `fidelity` ordered by loss (no value = worst, stable, so ties keep
  // their chronological order), the gamma(n) best form the good group; both groups keep
  // chronological order for the weights.
  std::vector<const Eigen::VectorXd*> rows;
  std::vector<double> losses;
  for (const Result& r : results_) {
    if (r.fidelity != fidelity) continue;
    rows.push_back(&r.x);
    losses.push_back(std::isnan(r.loss) ? kInf : r.loss);
  }
  const auto n = static_cast<std::int64_t>(
      std::count_if(losses.begin(), losses.end(), [](double l) { return l < kInf; }));
  std::vector<Eigen::VectorXd> in_flight;
  if (options_.constant_liar) {
    for (const Config& c : pending_) in_flight.push_back(tpe_space_.to_internal(c));
    for (const Eigen::VectorXd& x : in_flight) {
      rows.push_back(&x);
      losses.push_back(kInf);
    }
  }
  const TpeSplit split = tpe_split(losses, static_cast<std::size_t>(options_.good_count(n)));
  const auto gather = [&](const std::vector<std::size_t>& which) {
    std::vector<Eigen::VectorXd> out;
    out.reserve(which.size());
    for (std::size_t i : which) out.push_back(*rows[i]);
    return out;
  };
  const ParzenEstimator l(tpe_space_.dimensions(), gather(split.good), options_.prior_weight);
  const ParzenEstimator g(tpe_space_.dimensions(), gather(split.bad), options_.prior_weight);

  std::optional<Config> best;
  double best_score = -kInf;
  std::optional<Config> best_known;
  double best_known_score = -kInf;
  for (int round = 0; round < kCandidateRounds && !best; ++round) {
    for (std::int64_t c = 0; c < options_.candidates; ++c) {
      const Eigen::VectorXd x = l.sample(rng_);
      Config config = tpe_space_.to_config(x);
      if (space_.is_forbidden(config)) continue;
      const Eigen::VectorXd at = tpe_space_.masked(x, config);
      const double score = l.log_pdf(at) - g.log_pdf(at);
      const bool seen = known(config);
      double& top = seen ? best_known_score : best_score;
      if (score > top || !(seen ? best_known : best)) {
        top = score;
        (seen ? best_known : best) = std::move(config);
      }
    }
  }
  if (best) return *best;
  for (int t = 0; t < kCandidateRounds * 10; ++t) {
    Config config = space_.sample(rng_);
    if (!known(config)) return config;
  }
  return best_known ? *best_known : space_.sample(rng_);
}

std::optional<Config> TpeStrategy::ask() {
  const std::optional<double> fidelity = fit_fidelity();
  Config config = fidelity ? from_model(*fidelity) : space_.sample(rng_);
  pending_.push_back(config);
  return config;
}

void TpeStrategy::tell(const Evaluation& evaluation) {
  const auto it = std::find(pending_.begin(), pending_.end(), evaluation.config);
  if (it != pending_.end()) pending_.erase(it);
  double loss = std::numeric_limits<double>::quiet_NaN();
  if (evaluation.status == Status::ok && std::isfinite(evaluation.objective)) {
    loss = direction_ == Direction::minimize ? evaluation.objective : -evaluation.objective;
  }
  observed_.insert(config_text(evaluation.config));
  results_.push_back({evaluation.config, tpe_space_.to_internal(evaluation.config), loss,
                      fidelity_of(evaluation)});
}

std::string TpeStrategy::save_state() const {
  std::string out = "tpe 1 " + std::to_string(pending_.size()) + "\n" + rng_.state() + "\n";
  for (const Config& c : pending_) out += config_text(c) + "\n";
  return out;
}

void TpeStrategy::restore_state(const std::string& state) {
  std::istringstream in(state);
  std::string tag;
  int version = 0;
  std::size_t pending = 0;
  std::string rng_state;
  in >> tag >> version >> pending;
  std::getline(in >> std::ws, rng_state);
  if (!in || tag != "tpe" || version != 1) throw Error::input("tpe state is corrupt");
  std::vector<Config> configs;
  for (std::size_t i = 0; i < pending; ++i) {
    std::string line;
    if (!std::getline(in, line)) throw Error::input("tpe state is corrupt: it ends early");
    configs.push_back(parse_config_text(line));
  }
  rng_.set_state(rng_state);
  pending_ = std::move(configs);
}

} // namespace hpsearch
