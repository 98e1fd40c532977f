#include "hpsearch/search/ambs/acquisition_search.hpp"

#include "hpsearch/search/ambs/observations.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <unordered_set>

namespace hpsearch {

namespace {

/// The unit coordinates parameter `p` moves to from `u` (its current one).
std::vector<double> coordinate_moves(const Parameter& p, double u, double step) {
  std::vector<double> out;
  const auto bucket = [](std::size_t k, std::int64_t i) {
    return (static_cast<double>(i) + 0.5) / static_cast<double>(k);
  };
  if (p.kind == ParamKind::categorical || p.kind == ParamKind::ordinal) {
    const std::size_t k = p.choices.size();
    const auto current =
        std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor(u * static_cast<double>(k))),
                                 0, static_cast<std::int64_t>(k) - 1);
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(k); ++i) {
      const bool near = std::abs(i - current) <= 2;
      if (i != current && (p.kind == ParamKind::categorical || near)) out.push_back(bucket(k, i));
    }
    return out;
  }
  if (p.kind == ParamKind::integer) {
    const std::int64_t v = std::get<std::int64_t>(p.from_unit(u));
    for (const std::int64_t d : {-2, -1, 1, 2}) {
      const std::int64_t w = v + d;
      if (static_cast<double>(w) >= p.low && static_cast<double>(w) <= p.high)
        out.push_back(p.to_unit(Value{w}));
    }
  }
  if (p.kind == ParamKind::real || p.kind == ParamKind::integer) {
    for (const double h : {step, 0.25 * step}) {
      out.push_back(std::min(1.0, u + h));
      out.push_back(std::max(0.0, u - h));
    }
  }
  return out;
}

struct Start {
  Candidate at;
  Eigen::VectorXd point; ///< at.index, with values for the inactive coordinates
  double score = 0.0;
  double step = kFirstStep;
  bool moved = false;
  std::unordered_set<std::string> tried; ///< scored since the last move
};

} // namespace

std::vector<Move> local_moves(const SearchSpace& space, const Eigen::VectorXd& point, double step) {
  const auto& params = space.parameters();
  const Config here = space.decode_encoded(point, Encoding::index);
  std::vector<Move> out;
  for (std::size_t j = 0; j < params.size(); ++j) {
    const Parameter& p = params[j];
    if (here.find(p.name) == nullptr) continue; // inactive: moving it changes nothing
    const auto col = static_cast<Eigen::Index>(j);
    for (const double u : coordinate_moves(p, point[col], step)) {
      Eigen::VectorXd next = point;
      next[col] = u;
      Config config = space.decode_encoded(next, Encoding::index);
      if (space.is_forbidden(config)) continue;
      Eigen::VectorXd index = space.encode(config, Encoding::index);
      for (Eigen::Index i = 0; i < index.size(); ++i) {
        if (index[i] >= 0.0) next[i] = index[i];
      }
      out.push_back({{std::move(config), std::move(index)}, std::move(next)});
    }
  }
  return out;
}

std::size_t search_acquisition(const SearchSpace& space, std::size_t starts, std::size_t steps,
                               const KnownRow& known, const CandidateScores& scores, Rng& rng,
                               std::vector<Candidate>& pool, Eigen::VectorXd& score) {
  if (starts == 0 || steps == 0 || pool.empty()) return 0;
  std::vector<std::size_t> order(pool.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return score[static_cast<Eigen::Index>(a)] > score[static_cast<Eigen::Index>(b)];
  });
  std::vector<Start> from;
  std::unordered_set<std::string> chosen;
  for (std::size_t i : order) {
    if (from.size() >= starts) break;
    const Candidate& c = pool[i];
    if (known(c.index) || !chosen.insert(Observations::key_of(c.index)).second) continue;
    Start s;
    s.at = c;
    s.point = c.index;
    s.score = score[static_cast<Eigen::Index>(i)];
    for (Eigen::Index j = 0; j < s.point.size(); ++j) {
      if (s.point[j] < 0.0) s.point[j] = rng.uniform();
    }
    s.tried.insert(Observations::key_of(c.index));
    from.push_back(std::move(s));
  }

  std::size_t scored = 0;
  for (std::size_t step = 0; step < steps; ++step) {
    std::vector<Candidate> batch;
    std::vector<Eigen::VectorXd> points;
    std::vector<std::size_t> owner; // the start of each row of the batch
    for (std::size_t s = 0; s < from.size(); ++s) {
      Start& start = from[s];
      // A start whose moves at this step were all scored already shrinks at once.
      for (bool fresh = false; !fresh && start.step >= kMinStep;) {
        for (Move& m : local_moves(space, start.point, start.step)) {
          if (known(m.candidate.index)) continue;
          if (!start.tried.insert(Observations::key_of(m.candidate.index)).second) continue;
          batch.push_back(std::move(m.candidate));
          points.push_back(std::move(m.point));
          owner.push_back(s);
          fresh = true;
        }
        if (!fresh) start.step *= 0.25;
      }
    }
    if (batch.empty()) break;
    const Eigen::VectorXd value = scores(batch);
    scored += batch.size();
    std::vector<std::size_t> best(from.size(), batch.size());
    for (std::size_t r = 0; r < batch.size(); ++r) {
      const std::size_t s = owner[r];
      const double v = value[static_cast<Eigen::Index>(r)];
      const bool first = best[s] == batch.size();
      if (v > from[s].score && (first || v > value[static_cast<Eigen::Index>(best[s])]))
        best[s] = r;
    }
    for (std::size_t s = 0; s < from.size(); ++s) {
      Start& start = from[s];
      if (best[s] == batch.size()) {
        start.step *= 0.25;
        continue;
      }
      start.at = std::move(batch[best[s]]);
      start.point = std::move(points[best[s]]);
      start.score = value[static_cast<Eigen::Index>(best[s])];
      start.moved = true;
      start.tried.clear();
      start.tried.insert(Observations::key_of(start.at.index));
    }
  }

  std::size_t added = 0;
  for (const Start& s : from) added += s.moved ? 1 : 0;
  if (added == 0) return scored;
  const Eigen::Index old = score.size();
  score.conservativeResize(old + static_cast<Eigen::Index>(added));
  Eigen::Index r = old;
  for (Start& s : from) {
    if (!s.moved) continue;
    score[r++] = s.score;
    pool.push_back(std::move(s.at));
  }
  return scored;
}

} // namespace hpsearch
