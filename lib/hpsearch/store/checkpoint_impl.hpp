#pragma once
// Checkpoint::Impl: the open file's handles and the write bookkeeping, shared by the files
// that implement Checkpoint (checkpoint.cpp: writes, flushes, allocations; checkpoint_open.cpp:
// create, open, contents). Private to store/.
#include "hpsearch/core/error.hpp"
#include "hpsearch/store/allocation.hpp"
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/h5_handle.hpp"
#include "hpsearch/store/h5_table.hpp"
#include "hpsearch/store/job_log.hpp"
#include "hpsearch/store/row_layout.hpp"
#include "hpsearch/store/state_slots.hpp"
#include "hpsearch/store/storage_guard.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hpsearch {

struct Checkpoint::Impl {
  std::string path;
  h5::Handle file; // declared first: closed last
  h5::RowLayout layout;
  h5::Handle dataset;
  h5::Handle memspace; // one row
  h5::Handle dxpl;     // transfer properties: a conversion buffer sized for one row
  h5::Table allocations;
  h5::Table curves;
  h5::SlotPair state;
  h5::SlotPair strategy;
  h5::JobLogs jobs;
  std::int64_t rows = 0;
  int allocation = -1; ///< -1 until an allocation is started: no row may be written before
  Allocation current;
  bool fsync_each = false;
  std::vector<std::byte> row;
  std::string metadata_rest; ///< the row's metadata column points into it
  h5::StorageGuard guard;
  bool batch_reserved = false; ///< the guard's reserve was checked since the last flush
  bool failed = false;         ///< a write failed: nothing more goes into the file
  std::int64_t flushed_rows = 0;

  Impl(std::string p, h5::RowLayout l) : path(std::move(p)), layout(std::move(l)) {}
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl();

  void prepare_row_writes();
  void begin_allocation(const Allocation& a);
  void guard_file();
  void before_write(std::uint64_t payload = 0);
  template <class Write> void write(Write&& body);
  JobLogRef write_jobs(std::string_view records, bool restart);
  void flush();
  void close_handles() noexcept;
};

/// Runs one write (or flush) of the checkpoint. When the file system refuses it (full,
/// quota, I/O error), the checkpoint is marked failed: it refuses every further write and is
/// detached when closed, so the file keeps what the last flush made durable.
template <class Write> inline void Checkpoint::Impl::write(Write&& body) {
  try {
    body();
  } catch (const Error& e) {
    if (e.code() != ExitCode::storage_full && e.code() != ExitCode::io_error) throw;
    const bool first = !failed;
    failed = true;
    if (!first) throw;
    std::string text = e.what();
    const auto line_end = std::min(text.find('\n'), text.size());
    const std::string advice =
        e.code() == ExitCode::storage_full
            ? "free space on its file system (or raise the quota), then run the same command"
            : "fix the cause, then run the same command";
    text.insert(line_end, "\n  The checkpoint keeps the " + std::to_string(flushed_rows) +
                              " evaluation rows flushed before; nothing more is written to it. " +
                              "To continue the search, " + advice + ".");
    throw Error(text, e.code());
  }
}

} // namespace hpsearch
