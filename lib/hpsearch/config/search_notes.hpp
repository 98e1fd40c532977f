#pragma once
// Notes on a valid problem whose settings work against each other: the search runs, but not
// as its strategy's name suggests. `hpsearch validate` prints them after the search
// settings and `hpsearch run` at its start, each as "note: ...".
#include "hpsearch/config/problem.hpp"

#include <string>
#include <vector>

namespace hpsearch {

/// One line per note, without the "note: " prefix; empty when there is nothing to say.
/// Today: evolution (or agebo's architecture half) whose population is not smaller than
/// run.max_evals, so that every proposal is a random sample.
std::vector<std::string> search_notes(const Problem& problem);

} // namespace hpsearch
