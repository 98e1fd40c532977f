#include "hpsearch/store/checkpoint.hpp"

#include "hpsearch/core/errno_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/store/checkpoint_impl.hpp"
#include "hpsearch/store/h5_attribute.hpp"
#include "hpsearch/store/h5_error.hpp"
#include "hpsearch/store/h5_handle.hpp"
#include "hpsearch/store/h5_table.hpp"
#include "hpsearch/store/job_log.hpp"
#include "hpsearch/store/row_layout.hpp"
#include "hpsearch/store/schema.hpp"
#include "hpsearch/store/side_tables.hpp"
#include "hpsearch/store/state_slots.hpp"
#include "hpsearch/store/storage_guard.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <vector>

namespace hpsearch {

using h5::check;
using h5::Handle;

Checkpoint::Impl::~Impl() {
  // After a failed write HDF5 still holds what it could not write, and closing the file
  // would try again: detached, nothing more reaches the file. A clean close gives the
  // unused reserve back.
  const bool clean = file.valid() && !failed;
  const h5::QuietErrors quiet; // a detached file's close fails: nothing to print
  if (failed) guard.detach();
  close_handles();
  if (clean) h5::StorageGuard::release(path);
}

void Checkpoint::Impl::close_handles() noexcept {
  memspace = Handle();
  dxpl = Handle();
  dataset = Handle();
  allocations = h5::Table();
  curves = h5::Table();
  state = h5::SlotPair();
  strategy = h5::SlotPair();
  jobs = h5::JobLogs();
  file = Handle();
}

void Checkpoint::Impl::guard_file() {
  const std::string what = "cannot open checkpoint '" + path + "' for writing";
  void* handle = nullptr;
  check(H5Fget_vfd_handle(file.get(), H5P_DEFAULT, &handle), what);
  guard = h5::StorageGuard(*static_cast<int*>(handle), path);
}

void Checkpoint::Impl::before_write(std::uint64_t payload) {
  if (failed) {
    throw Error::io("checkpoint '" + path + "' is written no more: an earlier write failed");
  }
  if (batch_reserved && payload == 0) return;
  hsize_t end = 0;
  check(H5Fget_filesize(file.get(), &end), "cannot read the size of checkpoint '" + path + "'");
  guard.reserve(end, payload);
  batch_reserved = true;
}

void Checkpoint::Impl::begin_allocation(const Allocation& a) {
  current = a;
  current.exit_reason = schema::kExitRunning;
  allocation = static_cast<int>(allocations.rows());
  const h5::AllocationRow r = h5::to_row(current);
  allocations.append(&r, 1);
}

void Checkpoint::start_allocation(const Allocation& allocation, double killed_end) {
  Impl& m = *impl_;
  if (m.allocation >= 0) {
    throw Error::internal("checkpoint '" + m.path + "': allocation " +
                          std::to_string(m.allocation) + " already started");
  }
  m.write([&] {
    m.before_write();
    const auto bytes = m.allocations.read_all();
    for (hsize_t i = 0; i < m.allocations.rows(); ++i) {
      h5::AllocationRow r;
      std::memcpy(&r, bytes.data() + i * sizeof r, sizeof r);
      if (h5::from_row(r).exit_reason != schema::kExitRunning) continue;
      Allocation killed = h5::from_row(r);
      killed.exit_reason = schema::kExitKilled;
      killed.end = killed_end;
      const h5::AllocationRow updated = h5::to_row(killed);
      m.allocations.write(i, &updated);
    }
    m.begin_allocation(allocation);
    m.flush();
  });
}

Checkpoint::Checkpoint(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Checkpoint::Checkpoint(Checkpoint&&) noexcept = default;
Checkpoint& Checkpoint::operator=(Checkpoint&&) noexcept = default;
Checkpoint::~Checkpoint() = default;

void Checkpoint::add(const Evaluation& evaluation, const RowExtras& extras) {
  Impl& m = *impl_;
  if (!m.file.valid()) {
    throw Error::internal("checkpoint '" + m.path + "' is closed");
  }
  if (m.allocation < 0) {
    throw Error::internal("checkpoint '" + m.path + "': a row before start_allocation()");
  }
  RowExtras e = extras;
  e.allocation = m.allocation;
  m.layout.pack(evaluation, e, m.row.data(), m.metadata_rest);
  h5::QuietErrors quiet;
  const std::string what = "cannot append evaluation " + std::to_string(evaluation.id) +
                           " to checkpoint '" + m.path + "'";
  m.write([&] {
    // The first row of a chunk makes HDF5 allocate the whole chunk at the next flush.
    const bool new_chunk = m.rows % static_cast<std::int64_t>(schema::kChunkRows) == 0;
    m.before_write(new_chunk ? schema::kChunkRows * m.layout.row_size() : 0);
    const hsize_t start[1] = {static_cast<hsize_t>(m.rows)};
    const hsize_t count[1] = {1};
    const hsize_t extent[1] = {start[0] + 1};
    check(H5Dset_extent(m.dataset.get(), extent), what);
    Handle filespace = Handle::checked(H5Dget_space(m.dataset.get()), h5::dataspace, what);
    check(H5Sselect_hyperslab(filespace.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
          what);
    check(H5Dwrite(m.dataset.get(), m.layout.type(), m.memspace.get(), filespace.get(),
                   m.dxpl.get(), m.row.data()),
          what);
  });
  ++m.rows;
}

void Checkpoint::append(const Evaluation& evaluation, const RowExtras& extras) {
  add(evaluation, extras);
  flush();
}

void Checkpoint::add_curve(const std::vector<CurvePoint>& points) {
  Impl& m = *impl_;
  h5::QuietErrors quiet;
  m.write([&] {
    m.before_write(points.size() * sizeof(CurvePoint));
    m.curves.append(points.data(), points.size());
  });
}

void Checkpoint::write_state(std::string_view payload) {
  Impl& m = *impl_;
  h5::QuietErrors quiet;
  m.write([&] {
    m.before_write(payload.size());
    m.state.write(payload);
  });
}

JobLogRef Checkpoint::append_jobs(std::string_view records) {
  return impl_->write_jobs(records, false);
}

JobLogRef Checkpoint::restart_jobs(std::string_view records) {
  return impl_->write_jobs(records, true);
}

JobLogRef Checkpoint::Impl::write_jobs(std::string_view records, bool restart) {
  h5::QuietErrors quiet;
  JobLogRef ref;
  write([&] {
    before_write(records.size());
    ref = restart ? jobs.restart(records) : jobs.append(records);
  });
  return ref;
}

std::uint64_t Checkpoint::jobs_length() const {
  return impl_->jobs.length();
}

std::uint64_t Checkpoint::write_strategy_snapshot(std::string_view text) {
  Impl& m = *impl_;
  h5::QuietErrors quiet;
  std::uint64_t sequence = 0;
  m.write([&] {
    m.before_write(text.size());
    sequence = m.strategy.write(text);
  });
  return sequence;
}

void Checkpoint::Impl::flush() {
  if (failed) {
    throw Error::io("checkpoint '" + path + "' is written no more: an earlier write failed");
  }
  check(H5Fflush(file.get(), H5F_SCOPE_LOCAL), "cannot flush checkpoint '" + path + "'");
  batch_reserved = false;
  flushed_rows = rows;
}

void Checkpoint::flush() {
  Impl& m = *impl_;
  h5::QuietErrors quiet;
  m.write([&] { m.flush(); });
  if (m.fsync_each) sync();
}

void Checkpoint::sync() {
  Impl& m = *impl_;
  h5::QuietErrors quiet;
  const std::string what = "cannot sync checkpoint '" + m.path + "' to disk";
  m.write([&] {
    m.flush();
    void* handle = nullptr;
    check(H5Fget_vfd_handle(m.file.get(), H5P_DEFAULT, &handle), what);
    const int fd = *static_cast<int*>(handle);
    if (fdatasync(fd) != 0) throw Error::io(what + ": " + errno_text(errno));
  });
}

void Checkpoint::mark_simulated(const std::string& description) {
  Impl& m = *impl_;
  h5::QuietErrors quiet;
  m.write([&] { h5::write_attribute(m.file.get(), schema::kAttrSimulated, description, m.path); });
}

void Checkpoint::set_fsync(bool each_flush) {
  impl_->fsync_each = each_flush;
}

void Checkpoint::end_allocation(double end, const std::string& exit_reason) {
  Impl& m = *impl_;
  m.current.end = end;
  m.current.exit_reason = exit_reason;
  const h5::AllocationRow r = h5::to_row(m.current);
  {
    h5::QuietErrors quiet;
    m.write([&] {
      m.before_write();
      m.allocations.write(static_cast<hsize_t>(m.allocation), &r);
    });
  }
  sync();
}

std::int64_t Checkpoint::rows() const {
  return impl_->rows;
}

std::int64_t Checkpoint::curve_points() const {
  return static_cast<std::int64_t>(impl_->curves.rows());
}

int Checkpoint::allocation() const {
  return impl_->allocation;
}

const std::string& Checkpoint::path() const {
  return impl_->path;
}

void Checkpoint::close() {
  Impl& m = *impl_;
  const std::string what = "cannot close checkpoint '" + m.path + "'";
  if (m.failed) {
    const h5::QuietErrors quiet;
    m.guard.detach();
    m.close_handles();
    return;
  }
  m.memspace.close(what);
  m.dataset.close(what);
  m.allocations = h5::Table();
  m.curves = h5::Table();
  m.state = h5::SlotPair();
  m.strategy = h5::SlotPair();
  const bool was_open = m.file.valid();
  m.file.close(what);
  if (was_open) h5::StorageGuard::release(m.path);
}

} // namespace hpsearch
