#include "hpsearch/store/checkpoint.hpp"

#include "hpsearch/core/errno_text.hpp"
#include "hpsearch/core/error.hpp"
#include "hpsearch/store/checkpoint_create.hpp"
#include "hpsearch/store/h5_attribute.hpp"
#include "hpsearch/store/h5_error.hpp"
#include "hpsearch/store/h5_handle.hpp"
#include "hpsearch/store/h5_table.hpp"
#include "hpsearch/store/job_log.hpp"
#include "hpsearch/store/read_contents.hpp"
#include "hpsearch/store/row_layout.hpp"
#include "hpsearch/store/schema.hpp"
#include "hpsearch/store/side_tables.hpp"
#include "hpsearch/store/space_hash.hpp"
#include "hpsearch/store/state_slots.hpp"
#include "hpsearch/store/storage_guard.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <unistd.h>
#include <vector>

namespace hpsearch {

using h5::check;
using h5::Handle;

struct Checkpoint::Impl {
  std::string path;
  Handle file; // declared first: closed last
  h5::RowLayout layout;
  Handle dataset;
  Handle memspace; // one row
  Handle dxpl;     // transfer properties: a conversion buffer sized for one row
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

namespace {

constexpr std::uintmax_t kHdf5SignatureBytes = 8; // "\x89HDF\r\n\x1a\n"

std::int64_t extent_of(hid_t dataset, const std::string& what) {
  Handle space = Handle::checked(H5Dget_space(dataset), h5::dataspace, what);
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  if (n < 0) h5::fail(what);
  return static_cast<std::int64_t>(n);
}

} // namespace

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

/// Runs one write (or flush) of the checkpoint. When the file system refuses it (full,
/// quota, I/O error), the checkpoint is marked failed: it refuses every further write and is
/// detached when closed, so the file keeps what the last flush made durable.
template <class Write> void Checkpoint::Impl::write(Write&& body) {
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

void Checkpoint::Impl::prepare_row_writes() {
  const std::string what = "cannot prepare checkpoint '" + path + "' for writing";
  const hsize_t one[1] = {1};
  memspace = Handle::checked(H5Screate_simple(1, one, nullptr), h5::dataspace, what);
  row.resize(layout.row_size());
  // HDF5 allocates (and zeroes) its type-conversion buffers at every H5Dwrite, 1 MiB by
  // default; the variable-length message makes a conversion necessary. A few rows' worth
  // (the file's row is larger than the memory row: a heap id instead of a pointer) keeps
  // an append at microseconds instead of ~1 ms.
  dxpl = Handle::checked(H5Pcreate(H5P_DATASET_XFER), h5::plist, what);
  check(H5Pset_buffer(dxpl.get(), 4 * layout.row_size(), nullptr, nullptr), what);
}

void Checkpoint::Impl::begin_allocation(const Allocation& a) {
  current = a;
  current.exit_reason = schema::kExitRunning;
  allocation = static_cast<int>(allocations.rows());
  const h5::AllocationRow r = h5::to_row(current);
  allocations.append(&r, 1);
}

Checkpoint Checkpoint::create(const std::string& path, const SearchSpace& space,
                              const CheckpointInfo& info, const Allocation& allocation,
                              const std::vector<std::string>& metrics) {
  h5::QuietErrors quiet;
  std::error_code ec;
  auto impl = std::make_unique<Impl>(path, h5::RowLayout::for_space(space, metrics));
  impl->file = h5::create_file(path); // from here on a failure removes the file again
  try {
    impl->guard_file();
    impl->before_write();
    const hid_t f = impl->file.get();
    h5::write_root_attributes(f, path, space, info);
    impl->dataset = h5::create_evaluations(f, path, impl->layout);
    const Handle alloc_type = h5::allocation_type();
    const Handle curve_type = h5::curve_type();
    impl->curves = h5::Table::create(f, schema::kCurves, curve_type.get(), 1024, path);
    impl->allocations = h5::Table::create(f, schema::kAllocations, alloc_type.get(), 16, path);
    Handle group =
        Handle::checked(H5Gcreate2(f, schema::kState, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                        H5Gclose, "cannot create /state in checkpoint '" + path + "'");
    impl->state = h5::SlotPair::create(f, schema::kStateSlots, path);
    impl->strategy = h5::SlotPair::create(f, schema::kStrategySlots, path);
    impl->jobs = h5::JobLogs(f, path);
    impl->prepare_row_writes();
    impl->begin_allocation(allocation);
    check(H5Fflush(f, H5F_SCOPE_LOCAL), "cannot flush checkpoint '" + path + "'");
    impl->batch_reserved = false;
  } catch (...) {
    impl->failed = true; // closed without another write, then removed
    impl.reset();
    std::filesystem::remove(path, ec);
    throw;
  }
  return Checkpoint(std::move(impl));
}

Checkpoint Checkpoint::open(const std::string& path) {
  h5::QuietErrors quiet;
  const std::string what = "cannot open checkpoint '" + path + "' to resume it";
  // HDF5 1.10 opens an empty file read-write as a new file and writes a superblock into
  // it: refuse a file too small to hold the HDF5 signature before HDF5 sees it (stat only;
  // a resume opens its checkpoint once).
  std::error_code size_error;
  if (const auto size = std::filesystem::file_size(path, size_error);
      !size_error && size < kHdf5SignatureBytes) {
    throw Error::input(what + ": it is not an HDF5 file (" + std::to_string(size) +
                       " bytes, too short for the HDF5 signature)");
  }
  Handle fapl = h5::file_access(what);
  const hid_t opened = H5Fopen(path.c_str(), H5F_ACC_RDWR, fapl.get());
  if (opened < 0) {
    // Only now look at the file, to say why: a resume opens it once.
    if (const std::string reason = h5::unopenable_reason(path); !reason.empty()) {
      throw Error::input(what + ": " + reason);
    }
    h5::fail(what + " (damaged, unreadable or read-only)");
  }
  Handle file(opened, H5Fclose);
  const auto version = h5::read_int_attribute(file.get(), schema::kAttrFormatVersion, path);
  if (version != schema::kFormatVersion) {
    throw Error::input("checkpoint '" + path + "' has format_version " + std::to_string(version) +
                       "; this hpsearch resumes version " + std::to_string(schema::kFormatVersion) +
                       " (`hpsearch show` and `hpsearch export` still read it)");
  }
  Handle dataset =
      Handle::checked(H5Dopen2(file.get(), schema::kEvaluations, H5P_DEFAULT), h5::dataset, what);
  auto impl = std::make_unique<Impl>(path, h5::RowLayout::from_dataset(dataset.get(), path));
  impl->file = std::move(file);
  impl->dataset = std::move(dataset);
  impl->rows = extent_of(impl->dataset.get(), what);
  impl->flushed_rows = impl->rows;
  impl->guard_file();
  const hid_t f = impl->file.get();
  const Handle alloc_type = h5::allocation_type();
  const Handle curve_type = h5::curve_type();
  impl->curves = h5::Table::open(f, schema::kCurves, curve_type.get(), path);
  impl->allocations = h5::Table::open(f, schema::kAllocations, alloc_type.get(), path);
  impl->state = h5::SlotPair::open(f, schema::kStateSlots, path);
  impl->strategy = h5::SlotPair::open(f, schema::kStrategySlots, path);
  impl->jobs = h5::JobLogs(f, path);
  impl->prepare_row_writes();
  return Checkpoint(std::move(impl));
}

CheckpointContents Checkpoint::contents() const {
  h5::QuietErrors quiet;
  CheckpointContents c = h5::read_contents(impl_->file.get(), impl_->path);
  if (c.state) {
    impl_->state.keep(c.state_sequence);
    impl_->strategy.keep(c.state->snapshot);
    impl_->jobs.keep(c.state->jobs.index);
  }
  return c;
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
