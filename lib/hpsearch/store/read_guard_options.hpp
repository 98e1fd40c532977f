#pragma once
// ReadGuardOptions: the read guard's setting (store/read_guard.hpp), set by --read-timeout of
// `hpsearch show`, `export`, `status` and `run`.

namespace hpsearch {

struct ReadGuardOptions {
  /// Seconds the child may take to read an existing checkpoint; then it is killed and the
  /// read refused (exit 2). A normal checkpoint reads in well under a second.
  double timeout = 60.0;
};

} // namespace hpsearch
