#pragma once
// Reading a checkpoint through a file that is already open: read_checkpoint() opens it
// read-only (`hpsearch show`, export), Checkpoint::open() read-write to resume it, and both
// read what it holds with read_contents(). Internal to the store module.
#include "hpsearch/store/reader.hpp"

#include <hdf5.h>
#include <string>

namespace hpsearch::h5 {

/// Everything the checkpoint open as `file` holds (`path` names it in errors). Throws
/// hpsearch::Error (bad_input) as read_checkpoint() does.
CheckpointContents read_contents(hid_t file, const std::string& path);

/// Why HDF5 may have failed to open `path`, as a clause for an error message: "it does not
/// exist", "it is not an HDF5 file (no HDF5 signature found)", or "" when neither holds.
/// Looks at the file only when asked, i.e. after an open failed.
std::string unopenable_reason(const std::string& path);

} // namespace hpsearch::h5
