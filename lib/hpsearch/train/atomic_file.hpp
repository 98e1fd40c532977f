#pragma once
// write_file_atomically: replaces a file so that a reader (or a process killed mid-write)
// sees either its previous content or the new one in full, never a mix: the bytes go to a
// temporary file beside it, are flushed to disk, and are renamed over the target.
// Torch-free, so the trainer's saved states and its tests share it.
#include <string>
#include <string_view>

namespace hpsearch::train {

/// Writes `bytes` to `path` atomically (temporary `<path>.tmp` in the same directory,
/// fsync, rename, fsync of the directory). A temporary left by a killed writer is
/// overwritten. Throws hpsearch::Error naming the file: storage_full when the disk or
/// quota is full, io otherwise.
void write_file_atomically(const std::string& path, std::string_view bytes);

} // namespace hpsearch::train
