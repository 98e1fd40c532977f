#include "hpsearch/sched/query_output.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/core/run_child.hpp"

#include <utility>

namespace hpsearch {

std::optional<std::string> query_output(const std::vector<std::string>& argv, double timeout) {
  if (argv.empty()) return std::nullopt;
  try {
    ChildRun run = run_child(SpawnSpec{argv, std::nullopt, "", "", {}, ""}, timeout);
    if (!run.status || !run.status->success()) return std::nullopt;
    return std::move(run.output);
  } catch (const Error&) {
    return std::nullopt; // no such program, not executable
  }
}

} // namespace hpsearch
