#pragma once
// make_strategy_for: the search strategy a problem's `search:` section asks for, with the
// manager's resources (its worker count and fitting threads).
#include "hpsearch/config/problem.hpp"
#include "hpsearch/search/strategy.hpp"

#include <memory>

namespace hpsearch {

/// Throws hpsearch::Error (bad_input) when the strategy cannot run on this problem.
/// `workers`: the worker ranks the manager serves (AMBS prepares proposals ahead when > 1).
std::unique_ptr<Strategy> make_strategy_for(const Problem& problem, int workers = 1);

} // namespace hpsearch
