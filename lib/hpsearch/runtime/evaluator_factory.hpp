#pragma once
// make_evaluator: the worker-side evaluator a problem's `objective:` asks for.
#include "hpsearch/config/problem.hpp"
#include "hpsearch/eval/evaluator.hpp"

#include <memory>

namespace hpsearch {

/// Throws hpsearch::Error (bad_input) when the objective cannot be evaluated on this space.
std::unique_ptr<Evaluator> make_evaluator(const ObjectiveSpec& objective, const SearchSpace& space);

} // namespace hpsearch
