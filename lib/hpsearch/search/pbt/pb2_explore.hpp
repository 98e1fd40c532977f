#pragma once
// PB2's explore step (`search.strategy: pb2`, Parker-Holder et al. 2020): instead of PBT's
// random perturbation (explore.hpp), the hyperparameters a member continues with maximise
// the UCB of a GP (pb2_model.hpp) fitted to the reward change per unit of time observed over
// past intervals, at the member's current time and reward.
//
// Inputs: the time in ready intervals; the reward before the interval, normalised to [0, 1]
// by the smallest and largest reward among the rows, the running members and the query;
// each real and integer parameter by Parameter::to_unit (its bounds, its log scale; a
// parameter a configuration does not have, being inactive, is 0.5). Only the last kMaxRows
// rows are kept.
// Maximising: kCandidates points drawn uniformly in the unit cube plus the donor's own, then
// a pattern search (each coordinate +-step, step 0.1 halved kRefineSteps times) from the
// best kRefineStarts; all from the caller's seeded stream, so a proposal is deterministic
// given the seed. The point is mapped back by Parameter::from_unit (integers rounded to
// their bucket), in the space's order, inactive parameters left out, constants kept. A
// configuration a forbidden clause matches falls back to PBT's explore.
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/space/search_space.hpp"

#include <cstddef>
#include <span>

namespace hpsearch {

/// A member at a point in time: its time (in ready intervals), its reward (higher is
/// better) and the configuration it trains with from there.
struct Pb2Point {
  double time = 0.0;
  double reward = 0.0;
  Config config;
};

/// One past interval: where it started and the reward change per unit of time over it.
struct Pb2Row {
  Pb2Point start;
  double change = 0.0;
};

inline constexpr std::size_t kPb2MaxRows = 1000;
inline constexpr std::size_t kPb2Candidates = 500;
inline constexpr std::size_t kPb2RefineStarts = 3;
inline constexpr int kPb2RefineSteps = 5;

/// Throws hpsearch::Error (bad input) naming the first categorical or ordinal parameter
/// of `space`: "pb2 handles reals and integers; use pbt".
void check_pb2_space(const SearchSpace& space);

/// The configuration a member continues with from `now` (now.config: the donor's, the
/// starting point of the search), given the past intervals `rows` (the last kPb2MaxRows
/// are used) and the members now running (in the variance model only).
Config pb2_explore(const SearchSpace& space, std::span<const Pb2Row> rows,
                   std::span<const Pb2Point> running, const Pb2Point& now, Rng& rng);

} // namespace hpsearch
