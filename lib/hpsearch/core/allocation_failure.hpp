#pragma once
// Recognising a failed allocation from what a program said about it: how an evaluation that
// ran out of memory is told apart when nothing else says so for certain (RLIMIT_DATA makes
// allocations fail; a cgroup's OOM kill is counted, see core/child_process.hpp).
#include <string_view>

namespace hpsearch {

/// Whether `text` (a program's stderr, an evaluator's failure message) says an allocation
/// failed, in the words of C++ (std::bad_alloc), Python (MemoryError), glibc's
/// strerror(ENOMEM), CUDA, PyTorch (its CUDA and CPU allocators), bash or Fortran runtimes.
bool names_allocation_failure(std::string_view text);

} // namespace hpsearch
