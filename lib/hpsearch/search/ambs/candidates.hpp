#pragma once
// Candidates for the acquisition optimiser: configurations with their index encoding
// (the duplicate filter's key) and their encoding for the model.
#include "hpsearch/core/config.hpp"
#include "hpsearch/core/rng.hpp"
#include "hpsearch/space/search_space.hpp"

#include <Eigen/Core>
#include <cstddef>
#include <vector>

namespace hpsearch {

struct Candidate {
  Config config;
  Eigen::VectorXd index; ///< Encoding::index
};

/// `n` configurations drawn from the space (conditions and forbidden clauses respected).
void add_random_candidates(const SearchSpace& space, Rng& rng, std::size_t n,
                           std::vector<Candidate>& out);

/// `n` neighbours of `parent` (an index-encoded row): one or two coordinates changed each —
/// an ordered one moved by a Gaussian step (sd `step` in unit space, clipped), a categorical
/// one set to another choice. Inactive coordinates get random values, so a parent change
/// that activates a child gives the child a random value. Forbidden results are dropped.
void add_neighbour_candidates(const SearchSpace& space, const Eigen::VectorXd& parent, Rng& rng,
                              std::size_t n, std::vector<Candidate>& out, double step = 0.1);

/// Model-encoded rows of `candidates`, one per row.
Eigen::MatrixXd model_rows(const SearchSpace& space, const std::vector<Candidate>& candidates,
                           Encoding encoding);

} // namespace hpsearch
