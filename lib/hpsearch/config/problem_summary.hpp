#pragma once
// What `hpsearch validate` prints about a valid problem: the space as a table (each
// parameter's kind, range or values, log scale, default, condition), the forbidden
// clauses, the dimension and size of the space, and the objective, search and run settings.
#include "hpsearch/config/problem.hpp"

#include <string>

namespace hpsearch {

/// The multi-line summary `hpsearch validate` prints, ending with a newline.
std::string format_problem_summary(const Problem& problem);

} // namespace hpsearch
