#pragma once
// Error: the one exception type hpsearch throws for problems a user can act on.
// It carries the process exit code main() turns it into (DESIGN.md §6).
#include <stdexcept>
#include <string>

namespace hpsearch {

enum class ExitCode : int {
  finished = 0,       ///< the search ended normally
  internal_error = 1, ///< a bug or an unexpected system failure
  bad_input = 2,      ///< bad problem file, bad option, unusable checkpoint
  stopped = 3,        ///< stopped early (walltime, signal); resumable
};

class Error : public std::runtime_error {
public:
  explicit Error(const std::string& message, ExitCode code = ExitCode::bad_input)
      : std::runtime_error(message), code_(code) {}

  ExitCode code() const { return code_; }

private:
  ExitCode code_;
};

} // namespace hpsearch
