#include "hpsearch/search/ambs/observations.hpp"

#include "hpsearch/search/ambs/fidelity_feature.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

namespace hpsearch {

Observations::Observations(const SearchSpace& space, Encoding model_encoding, Direction direction,
                           FailurePolicy failures, Scaling scaling, FidelityModel fidelity_model,
                           FidelityRange fidelities)
    : space_(space), model_encoding_(model_encoding), direction_(direction), failures_(failures),
      scaling_(scaling), fidelities_range_(fidelities),
      fidelity_column_(fidelity_model == FidelityModel::input && fidelities.known()) {}

Eigen::VectorXd Observations::model_row(const Config& config, double fidelity) const {
  Eigen::VectorXd encoded = space_.encode(config, model_encoding_);
  if (!fidelity_column_) return encoded;
  Eigen::VectorXd row(encoded.size() + 1);
  row << encoded, fidelity_feature(fidelity, fidelities_range_);
  return row;
}

Eigen::MatrixXd Observations::scored_rows(Eigen::MatrixXd encoded) const {
  if (!fidelity_column_) return encoded;
  encoded.conservativeResize(Eigen::NoChange, encoded.cols() + 1);
  encoded.col(encoded.cols() - 1).setOnes(); // max_fidelity
  return encoded;
}

std::string Observations::key_of(const Eigen::VectorXd& index_encoded) {
  std::string key(static_cast<std::size_t>(index_encoded.size()) * sizeof(double), '\0');
  std::memcpy(key.data(), index_encoded.data(), key.size());
  return key;
}

void Observations::add(const Config& config, Status status, double objective, double fidelity) {
  remove_pending(config);
  Eigen::VectorXd index = space_.encode(config, Encoding::index);
  observed_keys_.insert(key_of(index));
  rows_.push_back(model_encoding_ == Encoding::index && !fidelity_column_
                      ? index
                      : model_row(config, fidelity));
  index_rows_.push_back(std::move(index));
  double loss = std::numeric_limits<double>::quiet_NaN();
  const bool has_value = status == Status::ok || status == Status::stopped;
  if (has_value && std::isfinite(objective)) {
    loss = direction_ == Direction::minimize ? objective : -objective;
    ++usable_;
    // BOHB's rule: the largest fidelity with d + 1 usable results (the fidelity model
    // largest; with the fidelity as an input every result is fitted on).
    if (++usable_at_[fidelity] >= space_.dimension() + 1 && !fidelity_column_ &&
        (std::isnan(fit_fidelity_) || fidelity > fit_fidelity_)) {
      fit_fidelity_ = fidelity;
    }
  }
  losses_.push_back(loss);
  fidelities_.push_back(fidelity);
}

bool Observations::fitted_row(std::size_t i) const {
  return std::isnan(fit_fidelity_) || fidelities_[i] == fit_fidelity_;
}

void Observations::add_pending(const Config& config) {
  pending_keys_[key_of(space_.encode(config, Encoding::index))].push_back(pending_slots_.size());
  pending_slots_.push_back(config);
  pending_slot_live_.push_back(true);
  ++pending_live_;
}

bool Observations::remove_pending(const Config& config) {
  const auto key = pending_keys_.find(key_of(space_.encode(config, Encoding::index)));
  if (key == pending_keys_.end()) return false;
  std::vector<std::size_t>& slots = key->second;
  // Equal configurations have equal keys, so the first equal one here is the oldest overall.
  const auto slot = std::find_if(slots.begin(), slots.end(),
                                 [&](std::size_t s) { return pending_slots_[s] == config; });
  if (slot == slots.end()) return false;
  pending_slots_[*slot] = Config{};
  pending_slot_live_[*slot] = false;
  --pending_live_;
  slots.erase(slot);
  if (slots.empty()) pending_keys_.erase(key);
  // Compacting costs O(slots) and runs only once the holes outnumber the live slots, so at
  // least half of the slots became holes since the last time: O(1) per removal amortized.
  if (pending_slots_.size() - pending_live_ > pending_live_) compact_pending();
  return true;
}

void Observations::compact_pending() {
  std::vector<std::size_t> renumbered(pending_slots_.size());
  std::size_t next = 0;
  for (std::size_t s = 0; s < pending_slots_.size(); ++s) {
    if (!pending_slot_live_[s]) continue;
    renumbered[s] = next;
    if (next != s) pending_slots_[next] = std::move(pending_slots_[s]);
    ++next;
  }
  pending_slots_.resize(next);
  pending_slot_live_.assign(next, true);
  for (auto& [key, slots] : pending_keys_) {
    for (std::size_t& s : slots) s = renumbered[s];
  }
}

void Observations::clear_pending() {
  pending_slots_.clear();
  pending_slot_live_.clear();
  pending_live_ = 0;
  pending_keys_.clear();
}

std::vector<Config> Observations::pending() const {
  std::vector<Config> out;
  out.reserve(pending_live_);
  for (std::size_t s = 0; s < pending_slots_.size(); ++s) {
    if (pending_slot_live_[s]) out.push_back(pending_slots_[s]);
  }
  return out;
}

bool Observations::known(const Eigen::VectorXd& index_encoded) const {
  const std::string key = key_of(index_encoded);
  return observed_keys_.count(key) > 0 || pending_keys_.count(key) > 0;
}

std::vector<double> Observations::targets() const {
  std::vector<double> t(losses_.size(), std::numeric_limits<double>::quiet_NaN());
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  std::size_t usable = 0;
  for (std::size_t i = 0; i < losses_.size(); ++i) {
    if (std::isnan(losses_[i]) || !fitted_row(i)) continue;
    low = std::min(low, losses_[i]);
    high = std::max(high, losses_[i]);
    ++usable;
  }
  if (usable == 0) return t;
  const double range = high > low ? high - low : 1.0;
  auto scale = [&](double l) {
    switch (scaling_) {
    case Scaling::none:
      return l;
    case Scaling::minmax:
      return (l - low) / range;
    case Scaling::log:
      return std::log(l - low + 1e-6 * range + 1e-12);
    }
    return l;
  };
  double sum = 0.0;
  double worst = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < losses_.size(); ++i) {
    if (std::isnan(losses_[i]) || !fitted_row(i)) continue;
    t[i] = scale(losses_[i]);
    sum += t[i];
    worst = std::max(worst, t[i]);
  }
  if (failures_ != FailurePolicy::ignore) {
    const double fill =
        failures_ == FailurePolicy::worst ? worst : sum / static_cast<double>(usable);
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (std::isnan(t[i]) && fitted_row(i)) t[i] = fill;
    }
  }
  return t;
}

void Observations::training_set(Multipoint multipoint, bool with_lies, Eigen::MatrixXd& x,
                                Eigen::VectorXd& y) const {
  const std::vector<double> t = targets();
  std::size_t kept = 0;
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  double sum = 0.0;
  for (double v : t) {
    if (std::isnan(v)) continue;
    ++kept;
    low = std::min(low, v);
    high = std::max(high, v);
    sum += v;
  }
  const bool lies = with_lies && kept > 0 && is_constant_liar(multipoint);
  const std::size_t rows = kept + (lies ? pending_live_ : 0);
  const auto width = space_.encoded_dimension(model_encoding_) + (fidelity_column_ ? 1 : 0);
  x.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(width));
  y.resize(static_cast<Eigen::Index>(rows));
  Eigen::Index r = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (std::isnan(t[i])) continue;
    x.row(r) = rows_[i].transpose();
    y[r++] = t[i];
  }
  if (!lies) return;
  const double lie = multipoint == Multipoint::cl_min   ? low
                     : multipoint == Multipoint::cl_max ? high
                                                        : sum / static_cast<double>(kept);
  for (std::size_t s = 0; s < pending_slots_.size(); ++s) {
    if (!pending_slot_live_[s]) continue;
    // At max_fidelity, where proposals are scored.
    x.row(r) = model_row(pending_slots_[s], 0.0).transpose();
    y[r++] = lie;
  }
}

double Observations::best_target() const {
  const std::vector<double> t = targets();
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!std::isnan(losses_[i]) && fitted_row(i)) best = std::min(best, t[i]);
  }
  return best;
}

std::vector<Eigen::VectorXd> Observations::best_rows(std::size_t k) const {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < losses_.size(); ++i) {
    if (!std::isnan(losses_[i]) && fitted_row(i)) order.push_back(i);
  }
  k = std::min(k, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    [&](std::size_t a, std::size_t b) {
                      return losses_[a] < losses_[b] || (losses_[a] == losses_[b] && a < b);
                    });
  std::vector<Eigen::VectorXd> out;
  for (std::size_t i = 0; i < k; ++i) out.push_back(index_rows_[order[i]]);
  return out;
}

} // namespace hpsearch
