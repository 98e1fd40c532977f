#pragma once
// Local search on the acquisition function (issue 17, point 3): after a proposal's pool of
// candidates is scored, iterated best-improvement moves from its best few, each iteration
// one batch of every start's moves scored together (one predict through the model).
//
// Moves of a configuration (local_moves): each active parameter changed alone —
//   categorical  every other choice
//   ordinal      the rank +-1 and +-2
//   integer      the value +-1 and +-2, and the unit steps of a real
//   real         +-step and +-step / 4 in the unit encoding (Encoding::index, where a
//                log-scaled parameter is uniform in its log), clipped to [0, 1]
// Inactive parameters keep a value of their own (drawn once per start), so a move that
// activates a child gives the child that value. Forbidden moves are dropped, as are moves
// to a configuration `known` (observed or pending) or already scored from this point.
// A start moves to its best move while that beats its score; when none does, its step
// shrinks (x 1/4) until it is below kMinStep, where the start stops.
#include "hpsearch/core/rng.hpp"
#include "hpsearch/search/ambs/candidates.hpp"
#include "hpsearch/space/search_space.hpp"

#include <Eigen/Core>
#include <cstddef>
#include <functional>
#include <vector>

namespace hpsearch {

/// The first unit step of a start (the neighbours' Gaussian sd, candidates.hpp) and the
/// step below which it stops.
inline constexpr double kFirstStep = 0.1;
inline constexpr double kMinStep = 0.001;

/// The moves of `point` (an index-encoded row whose inactive coordinates hold values in
/// [0, 1]) with unit step `step`, each with its `point` for the next moves: the candidate's
/// index row where the parameter is active, `point`'s value where it is not.
struct Move {
  Candidate candidate;
  Eigen::VectorXd point;
};
std::vector<Move> local_moves(const SearchSpace& space, const Eigen::VectorXd& point, double step);

/// Scores of candidates (the acquisition, higher is better), one per candidate.
using CandidateScores = std::function<Eigen::VectorXd(const std::vector<Candidate>&)>;
/// True for an index row that must not be proposed (observed or pending).
using KnownRow = std::function<bool(const Eigen::VectorXd&)>;

/// Runs the local search from the `starts` best-scored candidates of `pool` (`score`, one
/// per candidate) that are not `known`, for at most `steps` batches, and appends each start's
/// end point that differs from it to `pool`, with its score to `score`. `rng` draws the
/// values of inactive parameters. Returns the number of candidates scored.
std::size_t search_acquisition(const SearchSpace& space, std::size_t starts, std::size_t steps,
                               const KnownRow& known, const CandidateScores& scores, Rng& rng,
                               std::vector<Candidate>& pool, Eigen::VectorXd& score);

} // namespace hpsearch
