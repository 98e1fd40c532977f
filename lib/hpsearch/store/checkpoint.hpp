#pragma once
// Checkpoint: the manager's HDF5 record of a search (DESIGN.md §4; layout in schema.hpp).
//
// Writes are grouped per manager event: add() rows and write_state() go to HDF5 and
// flush() makes them durable together, before any worker hears of the event's outcome.
// append() is add() + flush(). A SIGKILL at any moment leaves a readable file holding
// every row and the state of every flush that returned.
#include "hpsearch/core/curve_point.hpp"
#include "hpsearch/core/evaluation.hpp"
#include "hpsearch/space/search_space.hpp"
#include "hpsearch/store/allocation.hpp"
#include "hpsearch/store/checkpoint_info.hpp"
#include "hpsearch/store/reader.hpp"
#include "hpsearch/store/row_extras.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hpsearch {

class Checkpoint {
public:
  /// Creates a new checkpoint for `space` and records `allocation` as its first
  /// allocation; each of `metrics` (the problem's declared user metrics) gets a column
  /// m:<name>. Refuses an existing `path` (Error, bad_input). On any failure no file is
  /// left behind.
  static Checkpoint create(const std::string& path, const SearchSpace& space,
                           const CheckpointInfo& info, const Allocation& allocation = {},
                           const std::vector<std::string>& metrics = {});
  /// Opens an existing checkpoint read-write to continue it (resume), writing nothing yet:
  /// contents() reads it back through this one open file, start_allocation() then begins
  /// the new allocation, and rows are appended in the file's own column layout. Throws
  /// Error naming the path (bad_input when the file is missing, not an HDF5 file, damaged
  /// or of another format version; io when the system refuses, e.g. a read-only file); a
  /// refused file, or one closed before start_allocation(), is left as it was.
  static Checkpoint open(const std::string& path);

  Checkpoint(Checkpoint&&) noexcept;
  Checkpoint& operator=(Checkpoint&&) noexcept;
  Checkpoint(const Checkpoint&) = delete;
  Checkpoint& operator=(const Checkpoint&) = delete;
  ~Checkpoint(); ///< closes the file; never throws (call close() to see errors)

  /// Everything the file holds (as read_checkpoint() returns it), read through this
  /// checkpoint's open file. The state it holds is kept: later state writes and strategy
  /// snapshots go to the other slots (it may be the older of two, reader.hpp).
  CheckpointContents contents() const;
  /// After open(): records `allocation` as a new allocation, and earlier allocations still
  /// marked running (they were killed) get exit reason "killed" and end `killed_end`; then
  /// flushes. Once, before any other write.
  void start_allocation(const Allocation& allocation, double killed_end);

  /// Writes one row (not yet flushed). extras.allocation is set to this allocation.
  /// Throws Error (internal_error) when the config does not fit the columns, Error
  /// (bad_input) when HDF5 fails (e.g. disk full).
  void add(const Evaluation& evaluation, const RowExtras& extras = {});
  /// add() then flush().
  void append(const Evaluation& evaluation, const RowExtras& extras = {});
  /// Appends learning-curve points to /curves (not yet flushed).
  void add_curve(const std::vector<CurvePoint>& points);
  /// Writes the resume state payload (resume_state.hpp) into the older /state slot (not
  /// yet flushed).
  void write_state(std::string_view payload);
  /// Appends records (resume_state.hpp, "Job log") to the job log in use (not yet
  /// flushed); returns the reference the next state names. The first call of a checkpoint
  /// object restarts.
  JobLogRef append_jobs(std::string_view records);
  /// Starts the job log not in use with `records` (every job in flight; not yet flushed):
  /// the one a durable state names is never overwritten. Returns the new reference.
  JobLogRef restart_jobs(std::string_view records);
  /// Bytes in the job log in use (0 before the first append or restart).
  std::uint64_t jobs_length() const;
  /// Writes a strategy snapshot (Strategy::save_state()) into the older /state/strategy
  /// slot (not yet flushed); returns the sequence number a state names it by.
  std::uint64_t write_strategy_snapshot(std::string_view text);
  /// Flushes everything written so far to the operating system (H5Fflush); with
  /// set_fsync(true) also to the disk (fdatasync).
  void flush();
  /// flush() plus fdatasync, whatever set_fsync says (graceful stop).
  void sync();
  void set_fsync(bool each_flush);
  /// Marks the file as written by `hpsearch simulate` (root attribute `simulated`, saying
  /// what was simulated; its times are virtual). Not yet flushed.
  void mark_simulated(const std::string& description);

  /// Records the end of this allocation (end time, exit reason), then sync().
  void end_allocation(double end, const std::string& exit_reason);

  /// Evaluation rows in the file (earlier allocations included).
  std::int64_t rows() const;
  /// Learning-curve points in /curves (earlier allocations included).
  std::int64_t curve_points() const;
  /// Index of this allocation in /allocations.
  int allocation() const;
  const std::string& path() const;
  /// Closes the file now, reporting a failure as Error. Further writes are refused.
  void close();

private:
  struct Impl;
  explicit Checkpoint(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

} // namespace hpsearch
