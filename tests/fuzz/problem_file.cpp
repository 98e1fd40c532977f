#include "fuzz_entries.hpp"
#include "hpsearch/config/problem.hpp"
#include "hpsearch/config/problem_summary.hpp"
#include "hpsearch/core/error.hpp"

#include <string>

namespace hpsearch::fuzz {

void problem_file(std::string_view bytes) {
  try {
    const Problem problem = parse_problem(std::string(bytes), "fuzz.yaml");
    (void)format_problem_summary(problem);
  } catch (const Error&) {
    // The documented answer to a bad problem file.
  }
}

} // namespace hpsearch::fuzz
