#pragma once
// Error handling for the HDF5 C API: every call is checked, and a failure becomes an
// hpsearch::Error whose message says what we were doing, on which path, and what HDF5's
// error stack says. Internal to the store module.
#include <hdf5.h>
#include <string>

namespace hpsearch::h5 {

/// Turns off HDF5's automatic printing of its error stack to stderr for this scope (we
/// catch the errors and put the stack into the exception), restoring it afterwards.
class QuietErrors {
public:
  QuietErrors() noexcept;
  ~QuietErrors();
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
  bool saved_ = false;
};

/// The current HDF5 error stack as indented text, one frame per line (empty when the
/// stack is empty). Clears the stack.
std::string error_stack_text();

/// Throws hpsearch::Error: "<what>[: <system error>]\n  HDF5 error stack: ...". `what` names
/// the action and the path, e.g. "cannot create checkpoint 'a.h5'"; the system error is the
/// first errno a frame reports ("No space left on device"). Call right after the failing
/// HDF5 call. The category comes from the stack: Error::storage_full for ENOSPC or EDQUOT,
/// Error::io when another system call failed under HDF5 (a frame reporting an errno other
/// than ENOENT/ENOTDIR, or of the Low-level I/O class), else Error::input (HDF5 cannot use
/// what the file holds, or the path names no directory).
[[noreturn]] void fail(const std::string& what);

/// Returns `status`, or calls fail(what) when it is negative.
inline herr_t check(herr_t status, const std::string& what) {
  if (status < 0) fail(what);
  return status;
}

} // namespace hpsearch::h5
