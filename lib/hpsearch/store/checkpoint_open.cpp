// Checkpoint::create, Checkpoint::open and Checkpoint::contents: a checkpoint's file made or
// opened, its tables found, its row writes prepared.
#include "hpsearch/core/error.hpp"
#include "hpsearch/store/checkpoint.hpp"
#include "hpsearch/store/checkpoint_create.hpp"
#include "hpsearch/store/checkpoint_impl.hpp"
#include "hpsearch/store/h5_attribute.hpp"
#include "hpsearch/store/h5_error.hpp"
#include "hpsearch/store/read_contents.hpp"
#include "hpsearch/store/schema.hpp"
#include "hpsearch/store/side_tables.hpp"

#include <filesystem>

namespace hpsearch {

using h5::check;
using h5::Handle;

namespace {

constexpr std::uintmax_t kHdf5SignatureBytes = 8; // "\x89HDF\r\n\x1a\n"

std::int64_t extent_of(hid_t dataset, const std::string& what) {
  Handle space = Handle::checked(H5Dget_space(dataset), h5::dataspace, what);
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  if (n < 0) h5::fail(what);
  return static_cast<std::int64_t>(n);
}

} // namespace

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

} // namespace hpsearch
