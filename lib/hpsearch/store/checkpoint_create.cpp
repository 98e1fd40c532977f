#include "hpsearch/store/checkpoint_create.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/core/iso8601.hpp"
#include "hpsearch/store/h5_attribute.hpp"
#include "hpsearch/store/h5_error.hpp"
#include "hpsearch/store/schema.hpp"
#include "hpsearch/store/space_hash.hpp"

#include <filesystem>
#include <vector>

namespace hpsearch::h5 {

Handle file_access(const std::string& what) {
  Handle fapl = Handle::checked(H5Pcreate(H5P_FILE_ACCESS), h5::plist, what);
  // HDF5's own lock while we write, ignored where the file system has none (Lustre);
  // hpsearch's lock file (checkpoint_lock.hpp) is what refuses a second manager.
  check(H5Pset_file_locking(fapl.get(), true, true), what);
  return fapl;
}

Handle create_file(const std::string& path) {
  const std::string what = "cannot create checkpoint '" + path + "'";
  Handle fapl = file_access(what);
  const hid_t created = H5Fcreate(path.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, fapl.get());
  if (created < 0) {
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::symlink_status(path, ec))) {
      throw Error::input("checkpoint '" + path +
                         "' already exists; `hpsearch run` resumes it, or "
                         "choose another path");
    }
    h5::fail(what);
  }
  return Handle(created, H5Fclose);
}

void write_root_attributes(hid_t file_id, const std::string& path, const SearchSpace& space,
                           const CheckpointInfo& info) {
  namespace s = schema;
  h5::write_attribute(file_id, s::kAttrFormatVersion, std::int32_t{s::kFormatVersion}, path);
  h5::write_attribute(file_id, s::kAttrVersion, info.hpsearch_version, path);
  h5::write_attribute(file_id, s::kAttrCreated, format_iso8601(info.created), path);
  h5::write_attribute(file_id, s::kAttrProblem, info.problem_text, path);
  h5::write_attribute(file_id, s::kAttrStrategy, info.strategy, path);
  h5::write_attribute(file_id, s::kAttrSeed, info.seed, path);
  h5::write_attribute(file_id, s::kAttrDirection, std::string(to_string(info.direction)), path);
  h5::write_attribute(file_id, s::kAttrSpaceHash, space_hash_hex(space), path);
  h5::write_attribute(file_id, s::kAttrSpace, canonical_space_text(space), path);
}

Handle create_evaluations(hid_t file_id, const std::string& path, const RowLayout& layout) {
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
  Handle evaluations =
      Handle::checked(H5Dcreate2(file_id, schema::kEvaluations, layout.type(), space.get(),
                                 H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
                      h5::dataset, what);
  for (const auto& p : layout.params()) {
    if (p.kind == ParamKind::real || p.kind == ParamKind::integer) continue;
    std::vector<std::string> texts;
    std::vector<std::int8_t> kinds;
    for (const auto& c : p.choices) {
      texts.push_back(to_string(c));
      kinds.push_back(static_cast<std::int8_t>(c.index()));
    }
    h5::write_attribute(evaluations.get(), schema::choices_attribute(p.name), texts, path);
    h5::write_attribute(evaluations.get(), schema::choice_kinds_attribute(p.name), kinds, path);
    if (p.kind != ParamKind::categorical) {
      h5::write_attribute(evaluations.get(), schema::param_kind_attribute(p.name),
                          std::string(to_string(p.kind)), path);
    }
  }
  return evaluations;
}

} // namespace hpsearch::h5
