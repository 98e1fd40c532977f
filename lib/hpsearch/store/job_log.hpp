#pragma once
// JobLogs: the writer of the two in-flight job logs /state/jobs0 and /state/jobs1
// (schema.hpp; record format in resume_state.hpp). append() adds a batch's records at the
// end of the log in use, restart() writes the live records at the start of the other one;
// both return the reference a state then names (log, length, running FNV-1a), so a state
// write costs O(records written), not O(jobs in flight). Nothing is flushed here.
//
// Crash safety: the log a durable state names is never overwritten before a newer state
// is durable. Appends only add bytes past its length; restart() writes the other log, which
// the newest durable state does not name (keep() says which one a resumed file's state
// names). A kill inside the flush that follows leaves a log whose checksum no longer
// matches the newest state, and the reader (reader.cpp) takes the previous state.
// Internal to the store module.
#include "hpsearch/store/h5_handle.hpp"
#include "hpsearch/store/resume_state.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace hpsearch::h5 {

class JobLogs {
public:
  JobLogs() = default;
  /// The logs of `file` (an open checkpoint, its /state group present); each dataset is
  /// opened, or created when missing (older files), at its first write.
  JobLogs(hid_t file_id, std::string path) : file_(file_id), path_(std::move(path)) {}

  /// Appends `records` to the log in use (restart() when none is yet).
  JobLogRef append(std::string_view records);
  /// Starts the log not in use with `records` (every job still in flight).
  JobLogRef restart(std::string_view records);
  /// The file's state names log `index`: the first restart() must not write it.
  void keep(int index) { ref_.index = index < 0 ? -1 : index; }
  /// Bytes in the log in use.
  std::uint64_t length() const { return started_ ? ref_.length : 0; }

private:
  void write(int index, std::uint64_t offset, std::string_view bytes);

  hid_t file_ = H5I_INVALID_HID;
  std::string path_;
  std::array<Handle, 2> logs_;
  std::array<hsize_t, 2> extent_{0, 0};
  JobLogRef ref_;
  bool started_ = false; ///< this writer wrote ref_.index (else it is the kept one)
};

/// Bytes [0, ref.length) of the log ref names when they are all there and their FNV-1a is
/// ref.checksum; nullopt otherwise (missing dataset, shorter, or torn by a kill).
std::optional<std::string> read_job_log(hid_t file_id, const JobLogRef& ref,
                                        const std::string& path);

} // namespace hpsearch::h5
