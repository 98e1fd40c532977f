#include "hpsearch/search/pbt/pb2_explore.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/search/pbt/explore.hpp"
#include "hpsearch/search/pbt/pb2_model.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <string>

namespace hpsearch {

namespace {

constexpr double pbt_resample_probability = 0.25; // the forbidden fallback

bool is_dimension(const Parameter& p) {
  return p.kind == ParamKind::real || p.kind == ParamKind::integer;
}

/// Maps points to the GP's inputs (see the header).
class Encoder {
public:
  Encoder(const SearchSpace& space, std::span<const Pb2Row> rows, std::span<const Pb2Point> running,
          const Pb2Point& now)
      : space_(space), low_(now.reward), high_(now.reward) {
    for (const Parameter& p : space.parameters()) {
      if (is_dimension(p)) dimensions_.push_back(&p);
    }
    const auto widen = [&](double r) {
      low_ = std::min(low_, r);
      high_ = std::max(high_, r);
    };
    for (const Pb2Row& row : rows) widen(row.start.reward);
    for (const Pb2Point& p : running) widen(p.reward);
  }

  std::size_t dimension() const { return dimensions_.size(); }

  std::vector<double> unit(const Config& config) const {
    std::vector<double> out;
    for (const Parameter* p : dimensions_) {
      const Value* v = config.find(p->name);
      out.push_back(v != nullptr && p->contains(*v) ? p->to_unit(*v) : 0.5);
    }
    return out;
  }

  Pb2Input input(double time, double reward, std::span<const double> unit) const {
    Pb2Input z{time, {high_ > low_ ? (reward - low_) / (high_ - low_) : 0.5}};
    z.rest.insert(z.rest.end(), unit.begin(), unit.end());
    return z;
  }

  Pb2Input input(const Pb2Point& p) const { return input(p.time, p.reward, unit(p.config)); }

  Config config(std::span<const double> unit, const Config& donor) const {
    Config out;
    std::size_t d = 0;
    for (const Parameter& p : space_.parameters()) {
      const bool dimension = is_dimension(p);
      const double u = dimension ? unit[d++] : 0.5;
      if (!space_.is_active(p, out)) continue;
      const Value* kept = donor.find(p.name);
      out.set(p.name, dimension || kept == nullptr ? p.from_unit(u) : *kept);
    }
    return out;
  }

private:
  const SearchSpace& space_;
  std::vector<const Parameter*> dimensions_;
  double low_;
  double high_;
};

std::vector<double> random_point(std::size_t d, Rng& rng) {
  std::vector<double> u(d);
  for (double& x : u) x = rng.uniform();
  return u;
}

/// Pattern search from `start`: each coordinate +-step while the UCB improves.
std::vector<double> refine(const Pb2Gp& gp, const Encoder& encoder, double time, double reward,
                           std::vector<double> start, double& value) {
  double step = 0.1;
  for (int s = 0; s < kPb2RefineSteps; ++s, step /= 2.0) {
    std::vector<Pb2Input> moves;
    std::vector<std::vector<double>> points;
    for (std::size_t i = 0; i < start.size(); ++i) {
      for (const double sign : {-1.0, 1.0}) {
        std::vector<double> u = start;
        u[i] = std::clamp(u[i] + sign * step, 0.0, 1.0);
        moves.push_back(encoder.input(time, reward, u));
        points.push_back(std::move(u));
      }
    }
    const std::vector<double> ucb = gp.ucb(moves);
    for (std::size_t i = 0; i < ucb.size(); ++i) {
      if (ucb[i] > value) {
        value = ucb[i];
        start = points[i];
      }
    }
  }
  return start;
}

} // namespace

void check_pb2_space(const SearchSpace& space) {
  for (const Parameter& p : space.parameters()) {
    if (p.kind == ParamKind::categorical || p.kind == ParamKind::ordinal) {
      throw Error::input("search.strategy: pb2 cannot search parameter '" + p.name + "' (" +
                         p.describe() + "): pb2 handles reals and integers; use pbt");
    }
  }
}

Config pb2_explore(const SearchSpace& space, std::span<const Pb2Row> rows,
                   std::span<const Pb2Point> running, const Pb2Point& now, Rng& rng) {
  if (rows.size() > kPb2MaxRows) rows = rows.subspan(rows.size() - kPb2MaxRows);
  const Encoder encoder(space, rows, running, now);
  std::vector<Pb2Input> inputs;
  std::vector<double> targets;
  for (const Pb2Row& row : rows) {
    inputs.push_back(encoder.input(row.start));
    targets.push_back(row.change);
  }
  std::vector<Pb2Input> pending;
  for (const Pb2Point& p : running) pending.push_back(encoder.input(p));
  const Pb2Gp gp(std::move(inputs), targets, pending);

  std::vector<std::vector<double>> points{encoder.unit(now.config)};
  for (std::size_t i = 0; i < kPb2Candidates; ++i) {
    points.push_back(random_point(encoder.dimension(), rng));
  }
  std::vector<Pb2Input> candidates;
  candidates.reserve(points.size());
  for (const auto& u : points) candidates.push_back(encoder.input(now.time, now.reward, u));
  const std::vector<double> ucb = gp.ucb(candidates);
  std::vector<std::size_t> order(points.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Stable: ties keep the candidates' order, so the proposal depends on the seed alone.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return ucb[a] > ucb[b]; });
  std::vector<double> best;
  double best_value = -std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < std::min(kPb2RefineStarts, order.size()); ++k) {
    double value = ucb[order[k]];
    std::vector<double> u = refine(gp, encoder, now.time, now.reward, points[order[k]], value);
    if (value > best_value) {
      best_value = value;
      best = std::move(u);
    }
  }
  Config config = encoder.config(best, now.config);
  if (space.is_forbidden(config)) {
    return explore(space, now.config, pbt_resample_probability, rng);
  }
  return config;
}

} // namespace hpsearch
