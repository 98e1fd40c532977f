#pragma once
// Checkpoint: the manager's HDF5 record of a search (DESIGN.md §4; layout in schema.hpp).
// Every append() writes one row and flushes the file, so a SIGKILL at any moment leaves a
// readable file holding every evaluation whose append() returned.
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/space/search_space.hpp"
#include "hpsearch/store/checkpoint_info.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace hpsearch {

class Checkpoint {
public:
  /// Creates a new checkpoint for `space`. Refuses an existing `path` (Error, bad_input):
  /// resuming is not supported yet. On any failure no file is left behind.
  static Checkpoint create(const std::string& path, const SearchSpace& space,
                           const CheckpointInfo& info);

  Checkpoint(Checkpoint&&) noexcept;
  Checkpoint& operator=(Checkpoint&&) noexcept;
  Checkpoint(const Checkpoint&) = delete;
  Checkpoint& operator=(const Checkpoint&) = delete;
  ~Checkpoint(); ///< closes the file; never throws (call close() to see errors)

  /// Appends one row and flushes it to disk. Throws Error (internal_error) when the
  /// config does not fit the space, Error (bad_input) when HDF5 fails (e.g. disk full).
  void append(const Evaluation& evaluation);
  /// Rows appended so far.
  std::int64_t rows() const;
  const std::string& path() const;
  /// Closes the file now, reporting a failure as Error. Further appends are refused.
  void close();

private:
  struct Impl;
  explicit Checkpoint(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

} // namespace hpsearch
