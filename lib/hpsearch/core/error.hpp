#pragma once
// Error: the one exception type hpsearch throws for problems a user can act on. Its
// category, chosen where it is thrown, is the process exit code main() turns it into
// (DESIGN.md §6):
//   Error::input(msg)       exit 2: the problem file, an option or the checkpoint's
//                           content is wrong; running again unchanged fails the same way.
//   Error::io(msg)          exit 4: the file system or the machine failed (an I/O error,
//   Error::environment(msg)         no permission, a file-size limit, cannot start a
//                           process or load a system library); running again (or
//                           resubmitting) once the cause is gone may continue the search.
//   Error::storage_full(msg) exit 5: the checkpoint's file system is full or its quota is
//                           spent (ENOSPC, EDQUOT). The checkpoint keeps every evaluation
//                           flushed before; a run after space is freed resumes it. Job
//                           scripts never resubmit on 5: the next link would fail the same.
//   Error::internal(msg)    exit 1: a broken invariant, i.e. a bug in hpsearch.
#include <stdexcept>
#include <string>

namespace hpsearch {

enum class ExitCode : int {
  finished = 0,       ///< the search ended normally
  internal_error = 1, ///< a bug: an invariant of hpsearch broke
  bad_input = 2,      ///< bad problem file, bad option, unusable checkpoint content
  stopped = 3,        ///< stopped early (walltime, signal); resumable
  io_error = 4,       ///< I/O or environment failure; running again may succeed
  storage_full = 5,   ///< checkpoint storage full (ENOSPC, EDQUOT); free space, then resume
};

class Error : public std::runtime_error {
public:
  /// No default: a throw site names its category (the factories below), or passes on the
  /// code of an error it rethrows with more context.
  explicit Error(const std::string& message, ExitCode code)
      : std::runtime_error(message), code_(code) {}

  /// Bad input: the problem file, a command-line option, or what a checkpoint holds.
  static Error input(const std::string& message) { return Error(message, ExitCode::bad_input); }
  /// A failed read, write, flush, sync or lock on the file system.
  static Error io(const std::string& message) { return Error(message, ExitCode::io_error); }
  /// The checkpoint's file system is full or the quota is spent (ENOSPC, EDQUOT).
  static Error storage_full(const std::string& message) {
    return Error(message, ExitCode::storage_full);
  }
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
