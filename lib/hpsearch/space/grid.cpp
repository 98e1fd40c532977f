#include "hpsearch/space/grid.hpp"

#include "hpsearch/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace hpsearch {

std::vector<Value> grid_values(const Parameter& p, std::int64_t points) {
  if (points < 1) {
    throw Error::input("parameter '" + p.name + "': grid points must be at least 1, got " +
                       std::to_string(points));
  }
  const auto n = static_cast<std::size_t>(points);
  // Position j of n evenly spaced points on [low, high], log-spaced when p.log.
  auto spaced = [&](std::size_t j) {
    if (j == 0) return p.low;
    if (j + 1 == n) return p.high;
    const double t = static_cast<double>(j) / static_cast<double>(n - 1);
    return p.log ? std::exp(std::log(p.low) + t * (std::log(p.high) - std::log(p.low)))
                 : p.low + t * (p.high - p.low);
  };
  std::vector<Value> out;
  switch (p.kind) {
  case ParamKind::real:
    if (n == 1) return {p.from_unit(0.5)};
    for (std::size_t j = 0; j < n; ++j) out.emplace_back(std::clamp(spaced(j), p.low, p.high));
    return out;
  case ParamKind::integer: {
    const auto lo = static_cast<std::int64_t>(p.low);
    const auto hi = static_cast<std::int64_t>(p.high);
    if (p.cardinality() <= n) {
      for (std::int64_t v = lo; v <= hi; ++v) out.emplace_back(v);
      return out;
    }
    if (n == 1) return {p.from_unit(0.5)};
    for (std::size_t j = 0; j < n; ++j) {
      const Value v = std::clamp(static_cast<std::int64_t>(std::llround(spaced(j))), lo, hi);
      if (out.empty() || out.back() != v) out.push_back(v);
    }
    return out;
  }
  case ParamKind::categorical:
  case ParamKind::ordinal:
  case ParamKind::constant:
    return p.choices;
  }
  throw Error::internal("unknown parameter kind");
}

GridEnumerator::GridEnumerator(const SearchSpace& space, std::vector<std::vector<Value>> values)
    : space_(space), values_(std::move(values)), index_(space_.size(), 0),
      active_(space_.size(), false) {
  if (values_.size() != space_.size()) {
    throw Error::internal("grid: " + std::to_string(values_.size()) + " value lists for " +
                          std::to_string(space_.size()) + " parameters");
  }
  for (std::size_t i = 0; i < values_.size(); ++i) {
    const Parameter& p = space_.parameters()[i];
    if (values_[i].empty())
      throw Error::input("grid: parameter '" + p.name + "' has no grid values");
    for (const auto& v : values_[i]) {
      if (!p.contains(v)) {
        throw Error::input("grid: value '" + to_string(v) + "' is not a valid value of '" + p.name +
                           "' (" + p.describe() + ")");
      }
    }
  }
}

Config GridEnumerator::current() const {
  Config config;
  for (std::size_t i = 0; i < index_.size(); ++i) {
    if (active_[i]) config.set(space_.parameters()[i].name, values_[i][index_[i]]);
  }
  return config;
}

void GridEnumerator::fill_from(std::size_t first) {
  Config config;
  for (std::size_t i = 0; i < index_.size(); ++i) {
    const Parameter& p = space_.parameters()[i];
    if (i >= first) {
      active_[i] = space_.is_active(p, config);
      index_[i] = 0;
    }
    if (active_[i]) config.set(p.name, values_[i][index_[i]]);
  }
}

bool GridEnumerator::advance() {
  for (std::size_t i = index_.size(); i-- > 0;) {
    if (active_[i] && index_[i] + 1 < values_[i].size()) {
      ++index_[i];
      fill_from(i + 1);
      return true;
    }
  }
  return false;
}

std::optional<Config> GridEnumerator::next() {
  while (!done_) {
    if (!started_) {
      started_ = true;
      fill_from(0);
    } else if (!advance()) {
      done_ = true;
      break;
    }
    Config config = current();
    if (!space_.is_forbidden(config)) {
      ++visited_;
      return config;
    }
  }
  return std::nullopt;
}

std::string GridEnumerator::save_state() const {
  std::ostringstream out;
  out << "grid " << index_.size() << ' ' << started_ << ' ' << done_ << ' ' << visited_;
  for (const auto i : index_) out << ' ' << i;
  return out.str();
}

void GridEnumerator::restore_state(const std::string& state) {
  std::istringstream in(state);
  std::string tag;
  std::size_t n = 0;
  bool started = false;
  bool done = false;
  std::uint64_t visited = 0;
  in >> tag >> n >> started >> done >> visited;
  if (!in || tag != "grid" || n != index_.size()) {
    throw Error::input(
        "grid search state does not match this space (corrupt or from another problem)");
  }
  std::vector<std::size_t> index(n);
  for (auto& i : index) in >> i;
  if (!in || !(in >> std::ws).eof()) throw Error::input("grid search state is corrupt");
  for (std::size_t i = 0; i < n; ++i) {
    if (index[i] >= values_[i].size()) throw Error::input("grid search state is out of range");
  }
  index_ = std::move(index);
  started_ = started;
  done_ = done;
  visited_ = visited;
  Config config;
  for (std::size_t i = 0; i < n; ++i) {
    const Parameter& p = space_.parameters()[i];
    active_[i] = space_.is_active(p, config);
    if (active_[i]) config.set(p.name, values_[i][index_[i]]);
  }
}

} // namespace hpsearch
