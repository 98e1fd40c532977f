#include "hpsearch/store/checkpoint.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/store/h5_attribute.hpp"
#include "hpsearch/store/h5_error.hpp"
#include "hpsearch/store/h5_handle.hpp"
#include "hpsearch/store/row_layout.hpp"
#include "hpsearch/store/schema.hpp"
#include "hpsearch/store/space_hash.hpp"

#include <filesystem>
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
  std::int64_t rows = 0;
  std::vector<std::byte> row;

  Impl(std::string p, h5::RowLayout l) : path(std::move(p)), layout(std::move(l)) {}
};

namespace {

Handle create_file(const std::string& path) {
  const std::string what = "cannot create checkpoint '" + path + "'";
  Handle fapl = Handle::checked(H5Pcreate(H5P_FILE_ACCESS), h5::plist, what);
  // Lock the file while we write it, but keep working on file systems without locks
  // (Lustre); hpsearch's own lock is a later addition (DESIGN.md §4).
  check(H5Pset_file_locking(fapl.get(), true, true), what);
  return Handle::checked(H5Fcreate(path.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, fapl.get()), h5::file,
                         what);
}

void write_root_attributes(hid_t file, const std::string& path, const SearchSpace& space,
                           const CheckpointInfo& info) {
  namespace s = schema;
  h5::write_attribute(file, s::kAttrFormatVersion, std::int32_t{s::kFormatVersion}, path);
  h5::write_attribute(file, s::kAttrVersion, info.hpsearch_version, path);
  h5::write_attribute(file, s::kAttrCreated, format_iso8601(info.created), path);
  h5::write_attribute(file, s::kAttrProblem, info.problem_text, path);
  h5::write_attribute(file, s::kAttrStrategy, info.strategy, path);
  h5::write_attribute(file, s::kAttrSeed, info.seed, path);
  h5::write_attribute(file, s::kAttrDirection, std::string(to_string(info.direction)), path);
  h5::write_attribute(file, s::kAttrSpaceHash, space_hash_hex(space), path);
  h5::write_attribute(file, s::kAttrSpace, canonical_space_text(space), path);
}

Handle create_evaluations(hid_t file, const std::string& path, const h5::RowLayout& layout) {
  const std::string what = "cannot create dataset /" + std::string(schema::kEvaluations) +
                           " in checkpoint '" + path + "'";
  const hsize_t dims[1] = {0};
  const hsize_t max_dims[1] = {H5S_UNLIMITED};
  const hsize_t chunk[1] = {schema::kChunkRows};
  Handle space = Handle::checked(H5Screate_simple(1, dims, max_dims), h5::dataspace, what);
  Handle dcpl = Handle::checked(H5Pcreate(H5P_DATASET_CREATE), h5::plist, what);
  check(H5Pset_chunk(dcpl.get(), 1, chunk), what);
  const std::vector<std::byte> fill = layout.fill_row();
  check(H5Pset_fill_value(dcpl.get(), layout.type(), fill.data()), what);
  Handle dataset = Handle::checked(H5Dcreate2(file, schema::kEvaluations, layout.type(),
                                              space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                                   h5::dataset, what);
  for (const auto& p : layout.params()) {
    if (p.kind != ParamKind::categorical) continue;
    std::vector<std::string> texts;
    std::vector<std::int8_t> kinds;
    for (const auto& c : p.choices) {
      texts.push_back(to_string(c));
      kinds.push_back(static_cast<std::int8_t>(c.index()));
    }
    h5::write_attribute(dataset.get(), schema::choices_attribute(p.name), texts, path);
    h5::write_attribute(dataset.get(), schema::choice_kinds_attribute(p.name), kinds, path);
  }
  return dataset;
}

} // namespace

Checkpoint Checkpoint::create(const std::string& path, const SearchSpace& space,
                              const CheckpointInfo& info) {
  h5::QuietErrors quiet;
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::symlink_status(path, ec))) {
    throw Error("checkpoint '" + path +
                    "' already exists, and resuming a search is not supported yet: choose "
                    "another checkpoint path or delete the file",
                ExitCode::bad_input);
  }
  auto impl = std::make_unique<Impl>(path, h5::RowLayout::for_space(space));
  impl->file = create_file(path); // from here on a failure removes the file again
  try {
    write_root_attributes(impl->file.get(), path, space, info);
    impl->dataset = create_evaluations(impl->file.get(), path, impl->layout);
    const hsize_t one[1] = {1};
    impl->memspace = Handle::checked(H5Screate_simple(1, one, nullptr), h5::dataspace,
                                     "cannot create checkpoint '" + path + "'");
    impl->row.resize(impl->layout.row_size());
    // HDF5 allocates (and zeroes) its type-conversion buffers at every H5Dwrite, 1 MiB by
    // default; the variable-length message makes a conversion necessary. A few rows' worth
    // (the file's row is larger than the memory row: a heap id instead of a pointer) keeps
    // an append at microseconds instead of ~1 ms.
    impl->dxpl = Handle::checked(H5Pcreate(H5P_DATASET_XFER), h5::plist,
                                 "cannot create checkpoint '" + path + "'");
    check(H5Pset_buffer(impl->dxpl.get(), 4 * impl->layout.row_size(), nullptr, nullptr),
          "cannot create checkpoint '" + path + "'");
    check(H5Fflush(impl->file.get(), H5F_SCOPE_LOCAL), "cannot flush checkpoint '" + path + "'");
  } catch (...) {
    impl.reset();
    std::filesystem::remove(path, ec);
    throw;
  }
  return Checkpoint(std::move(impl));
}

Checkpoint::Checkpoint(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Checkpoint::Checkpoint(Checkpoint&&) noexcept = default;
Checkpoint& Checkpoint::operator=(Checkpoint&&) noexcept = default;
Checkpoint::~Checkpoint() = default;

void Checkpoint::append(const Evaluation& evaluation) {
  Impl& m = *impl_;
  if (!m.file.valid()) {
    throw Error("checkpoint '" + m.path + "' is closed", ExitCode::internal_error);
  }
  m.layout.pack(evaluation, m.row.data());
  h5::QuietErrors quiet;
  const std::string what = "cannot append evaluation " + std::to_string(evaluation.id) +
                           " to checkpoint '" + m.path + "'";
  const hsize_t start[1] = {static_cast<hsize_t>(m.rows)};
  const hsize_t count[1] = {1};
  const hsize_t extent[1] = {start[0] + 1};
  check(H5Dset_extent(m.dataset.get(), extent), what);
  Handle filespace = Handle::checked(H5Dget_space(m.dataset.get()), h5::dataspace, what);
  check(H5Sselect_hyperslab(filespace.get(), H5S_SELECT_SET, start, nullptr, count, nullptr), what);
  check(H5Dwrite(m.dataset.get(), m.layout.type(), m.memspace.get(), filespace.get(), m.dxpl.get(),
                 m.row.data()),
        what);
  check(H5Fflush(m.file.get(), H5F_SCOPE_LOCAL), what);
  ++m.rows;
}

std::int64_t Checkpoint::rows() const {
  return impl_->rows;
}

const std::string& Checkpoint::path() const {
  return impl_->path;
}

void Checkpoint::close() {
  Impl& m = *impl_;
  const std::string what = "cannot close checkpoint '" + m.path + "'";
  m.memspace.close(what);
  m.dataset.close(what);
  m.file.close(what);
}

} // namespace hpsearch
