#include "hpsearch/store/reader.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/store/h5_attribute.hpp"
#include "hpsearch/store/h5_error.hpp"
#include "hpsearch/store/h5_handle.hpp"
#include "hpsearch/store/row_layout.hpp"
#include "hpsearch/store/schema.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace hpsearch {

using h5::check;
using h5::Handle;

namespace {

/// True when the HDF5 signature is at offset 0, 512, 1024, 2048, ... (where HDF5 looks).
bool has_hdf5_signature(const std::string& path) {
  static constexpr char kSignature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
  std::ifstream in(path, std::ios::binary);
  for (std::streamoff offset = 0; in; offset = offset == 0 ? 512 : offset * 2) {
    char buf[8] = {};
    in.seekg(offset);
    if (!in.read(buf, sizeof buf)) return false;
    if (std::memcmp(buf, kSignature, sizeof buf) == 0) return true;
  }
  return false;
}

Handle open_read_only(const std::string& path, bool locking, const std::string& what) {
  Handle fapl = Handle::checked(H5Pcreate(H5P_FILE_ACCESS), h5::plist, what);
  check(H5Pset_file_locking(fapl.get(), locking, true), what);
  return Handle::checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get()), h5::file,
                         what + " (damaged or unreadable)");
}

Handle open_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw Error("checkpoint '" + path + "' does not exist");
  }
  const std::string what = "cannot open checkpoint '" + path + "'";
  if (!has_hdf5_signature(path)) {
    throw Error(what + ": it is not an HDF5 file (no HDF5 signature found)");
  }
  // Without HDF5's lock first: a running search holds an exclusive lock on its checkpoint,
  // and `hpsearch show` must work meanwhile. Inside a process that has the file open for
  // writing, HDF5 insists on the writer's locking flags, so then retry with those.
  try {
    return open_read_only(path, false, what);
  } catch (const Error&) {
    try {
      return open_read_only(path, true, what);
    } catch (const Error&) {
    }
    throw;
  }
}

CheckpointInfo read_info(hid_t file, const std::string& path) {
  namespace s = schema;
  CheckpointInfo info;
  info.hpsearch_version = h5::read_string_attribute(file, s::kAttrVersion, path);
  info.created = parse_iso8601(h5::read_string_attribute(file, s::kAttrCreated, path));
  info.problem_text = h5::read_string_attribute(file, s::kAttrProblem, path);
  info.strategy = h5::read_string_attribute(file, s::kAttrStrategy, path);
  info.seed = h5::read_uint_attribute(file, s::kAttrSeed, path);
  const std::string direction = h5::read_string_attribute(file, s::kAttrDirection, path);
  const auto d = direction_from_string(direction);
  if (!d) {
    throw Error("checkpoint '" + path + "': attribute direction is '" + direction +
                "', expected minimize or maximize");
  }
  info.direction = *d;
  return info;
}

Value parse_choice(const std::string& text, std::int8_t kind, const std::string& context) {
  const char* end = text.data() + text.size();
  switch (kind) {
  case schema::kChoiceInt: {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (ec == std::errc{} && p == end) return v;
    break;
  }
  case schema::kChoiceReal: {
    double v = 0.0;
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (ec == std::errc{} && p == end) return v;
    break;
  }
  case schema::kChoiceBool:
    if (text == "true" || text == "false") return text == "true";
    break;
  case schema::kChoiceString:
    return text;
  }
  throw Error(context + ": choice '" + text + "' does not match its kind " + std::to_string(kind));
}

h5::ParamColumn read_param_column(hid_t dataset, hid_t member_type, const std::string& name,
                                  const std::string& path) {
  h5::ParamColumn column{name, ParamKind::real, {}, 0};
  const std::string choices = schema::choices_attribute(name);
  const H5T_class_t cls = H5Tget_class(member_type);
  if (h5::has_attribute(dataset, choices, path)) {
    column.kind = ParamKind::categorical;
    const auto texts = h5::read_strings_attribute(dataset, choices, path);
    const std::string kinds_name = schema::choice_kinds_attribute(name);
    std::vector<std::int8_t> kinds(texts.size(), schema::kChoiceString);
    if (h5::has_attribute(dataset, kinds_name, path)) {
      kinds = h5::read_int8s_attribute(dataset, kinds_name, path);
    }
    const std::string context = "checkpoint '" + path + "', parameter '" + name + "'";
    if (kinds.size() != texts.size()) throw Error(context + ": choices and kinds differ in size");
    for (std::size_t i = 0; i < texts.size(); ++i) {
      column.choices.push_back(parse_choice(texts[i], kinds[i], context));
    }
  } else if (cls == H5T_INTEGER) {
    column.kind = ParamKind::integer;
  } else if (cls != H5T_FLOAT) {
    throw Error("checkpoint '" + path + "': column p:" + name +
                " is neither a number nor a choice");
  }
  return column;
}

std::vector<h5::ParamColumn> read_param_columns(hid_t dataset, const std::string& path) {
  const std::string what = "cannot read the columns of checkpoint '" + path + "'";
  Handle type = Handle::checked(H5Dget_type(dataset), h5::datatype, what);
  if (H5Tget_class(type.get()) != H5T_COMPOUND) {
    throw Error("checkpoint '" + path + "': /evaluations is not a table of compound rows");
  }
  const int n = H5Tget_nmembers(type.get());
  if (n < 0) h5::fail(what);
  std::vector<std::string> names;
  std::vector<h5::ParamColumn> params;
  for (int i = 0; i < n; ++i) {
    char* raw = H5Tget_member_name(type.get(), static_cast<unsigned>(i));
    if (raw == nullptr) h5::fail(what);
    std::string name(raw);
    H5free_memory(raw);
    names.push_back(name);
    if (name.rfind(schema::kParamPrefix, 0) != 0) continue;
    Handle member = Handle::checked(H5Tget_member_type(type.get(), static_cast<unsigned>(i)),
                                    h5::datatype, what);
    params.push_back(
        read_param_column(dataset, member.get(), name.substr(schema::kParamPrefix.size()), path));
  }
  for (const char* required :
       {schema::kId, schema::kStatus, schema::kObjective, schema::kWorkerRank, schema::kHost,
        schema::kSubmittedAt, schema::kStartedAt, schema::kFinishedAt, schema::kMessage}) {
    if (std::find(names.begin(), names.end(), required) == names.end()) {
      throw Error("checkpoint '" + path + "': /evaluations has no column '" + required + "'");
    }
  }
  return params;
}

std::vector<Evaluation> read_rows(hid_t dataset, const h5::RowLayout& layout,
                                  const std::string& path) {
  const std::string what = "cannot read the evaluations of checkpoint '" + path + "'";
  Handle filespace = Handle::checked(H5Dget_space(dataset), h5::dataspace, what);
  const hssize_t total = H5Sget_simple_extent_npoints(filespace.get());
  if (total < 0) h5::fail(what);
  std::vector<Evaluation> out;
  out.reserve(static_cast<std::size_t>(total));
  const auto n = static_cast<hsize_t>(total);
  std::vector<std::byte> buffer(schema::kChunkRows * layout.row_size());
  for (hsize_t start = 0; start < n; start += schema::kChunkRows) {
    const hsize_t count[1] = {std::min<hsize_t>(schema::kChunkRows, n - start)};
    const hsize_t offset[1] = {start};
    Handle memspace = Handle::checked(H5Screate_simple(1, count, nullptr), h5::dataspace, what);
    check(H5Sselect_hyperslab(filespace.get(), H5S_SELECT_SET, offset, nullptr, count, nullptr),
          what);
    std::memset(buffer.data(), 0, buffer.size());
    check(H5Dread(dataset, layout.type(), memspace.get(), filespace.get(), H5P_DEFAULT,
                  buffer.data()),
          what);
    try {
      for (hsize_t i = 0; i < count[0]; ++i) {
        Evaluation ev = layout.unpack(buffer.data() + i * layout.row_size());
        if (ev.id != schema::kUnwrittenId) out.push_back(std::move(ev));
      }
    } catch (const Error& e) {
      H5Dvlen_reclaim(layout.type(), memspace.get(), H5P_DEFAULT, buffer.data());
      throw Error("checkpoint '" + path + "': " + e.what());
    }
    check(H5Dvlen_reclaim(layout.type(), memspace.get(), H5P_DEFAULT, buffer.data()), what);
  }
  return out;
}

} // namespace

CheckpointContents read_checkpoint(const std::string& path) {
  h5::QuietErrors quiet;
  Handle file = open_file(path);
  CheckpointContents c;
  c.path = path;
  c.format_version =
      static_cast<int>(h5::read_int_attribute(file.get(), schema::kAttrFormatVersion, path));
  if (c.format_version != schema::kFormatVersion) {
    throw Error("checkpoint '" + path + "' has format_version " + std::to_string(c.format_version) +
                "; this hpsearch reads version " + std::to_string(schema::kFormatVersion));
  }
  c.info = read_info(file.get(), path);
  c.space_hash = h5::read_string_attribute(file.get(), schema::kAttrSpaceHash, path);
  const htri_t exists = H5Lexists(file.get(), schema::kEvaluations, H5P_DEFAULT);
  if (exists < 0) h5::fail("cannot read checkpoint '" + path + "'");
  if (exists == 0) throw Error("checkpoint '" + path + "' has no /evaluations dataset");
  Handle dataset =
      Handle::checked(H5Dopen2(file.get(), schema::kEvaluations, H5P_DEFAULT), h5::dataset,
                      "cannot open /evaluations in checkpoint '" + path + "'");
  const h5::RowLayout layout(read_param_columns(dataset.get(), path));
  for (const auto& p : layout.params()) c.parameters.push_back(p.name);
  c.evaluations = read_rows(dataset.get(), layout, path);
  return c;
}

} // namespace hpsearch
