#pragma once
// Error: the one exception type hpsearch throws for problems a user can act on. Its
// category, chosen where it is thrown, is the process exit code main() turns it into
// (DESIGN.md §6):
//   Error::input(msg)       exit 2: the problem file, an option or the checkpoint's
//                           content is wrong; running again unchanged fails the same way.
//   Error::io(msg)          exit 4: the file system or the machine failed (disk full, no
//   Error::environment(msg)         permission, cannot start a process or load a system
//                           library); the checkpoint is intact, and running again (or
//                           resubmitting) once the cause is gone continues the search.
//   Error::internal(msg)    exit 1: a broken invariant, i.e. a bug in hpsearch.
#include <stdexcept>
#include <string>

namespace hpsearch {

enum class ExitCode : int {
  finished = 0,       ///< the search ended normally
  internal_error = 1, ///< a bug: an invariant of hpsearch broke
  bad_input = 2,      ///< bad problem file, bad option, unusable checkpoint content
  stopped = 3,        ///< stopped early (walltime, signal); resumable
  io_error = 4,       ///< I/O or environment failure; the checkpoint is intact, resumable
};

class Error : public std::runtime_error {
public:
  // Transitional: the default goes once every throw site names its category.
  explicit Error(const std::string& message, ExitCode code = ExitCode::bad_input)
      : std::runtime_error(message), code_(code) {}

  /// Bad input: the problem file, a command-line option, or what a checkpoint holds.
  static Error input(const std::string& message) { return Error(message, ExitCode::bad_input); }
  /// A failed read, write, flush, sync or lock on the file system.
  static Error io(const std::string& message) { return Error(message, ExitCode::io_error); }
  /// The machine refused something the input did not cause: a process that cannot be
  /// started, a system library that cannot be loaded, a resource limit.
  static Error environment(const std::string& message) {
    return Error(message, ExitCode::io_error);
  }
  /// A broken invariant: a bug in hpsearch, whatever the input.
  static Error internal(const std::string& message) {
    return Error(message, ExitCode::internal_error);
  }

  ExitCode code() const { return code_; }

private:
  ExitCode code_;
};

} // namespace hpsearch
