#pragma once
// The read guard: an existing checkpoint is read once in a child process before hpsearch
// reads it itself (`show`, `export`, `status`, and `run` when it resumes). libhdf5 1.10 is
// not robust against damaged files: some make it copy out of bounds or dereference garbage
// (SIGSEGV), others make it loop for minutes (tests/fuzz/README.md). hpsearch cannot detect
// them beforehand (the global heap has no checksum), so the child takes the risk: when it
// dies by a signal or does not finish within the timeout (its process group is then killed),
// the command ends with a clear error (exit 2) naming the file, instead of dying inside
// libhdf5 itself or hanging.
//
// The child is `hpsearch-read-checkpoint` (apps/read_checkpoint), a small program without
// MPI started with core/child_process (posix_spawn: never a fork of an MPI process). It
// calls read_checkpoint, the commands' only code that calls libhdf5 (the summary and the
// exports work on what it returned; the checkpoint_file fuzz target covers them). It opens
// the file read-only and without HDF5's file lock, as `show` does: the file is not changed.
#include "hpsearch/store/read_guard_options.hpp"

#include <string>

namespace hpsearch {

/// Reads `path` in the child. Returns when the child read it, or when it refused it with
/// hpsearch's own error (exit 2, 4 or 5: the caller's own read then reports the same error).
/// Throws hpsearch::Error (bad_input) naming the file when the child died by a signal
/// ("libhdf5 crashed reading it (SIGSEGV)"), ran past the timeout ("did not finish reading it
/// within N s"), or failed otherwise (its last output quoted), with what the user can do;
/// Error (environment) when the child program cannot be found or started.
void guard_checkpoint_read(const std::string& path, const ReadGuardOptions& options);

/// The checkpoint reader program: `hpsearch-read-checkpoint` next to the running
/// executable, else the one this build made. Throws hpsearch::Error (environment) naming
/// where it looked.
std::string find_checkpoint_reader();

} // namespace hpsearch
