#include "hpsearch/store/h5_table.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/store/h5_error.hpp"

namespace hpsearch::h5 {

Table Table::create(hid_t file_id, const std::string& name, hid_t type, std::size_t chunk_rows,
                    const std::string& path) {
  Table t;
  t.what_ = "dataset /" + name + " of checkpoint '" + path + "'";
  const std::string what = "cannot create " + t.what_;
  const hsize_t dims[1] = {0};
  const hsize_t max_dims[1] = {H5S_UNLIMITED};
  const hsize_t chunk[1] = {chunk_rows};
  Handle space = Handle::checked(H5Screate_simple(1, dims, max_dims), dataspace, what);
  Handle dcpl = Handle::checked(H5Pcreate(H5P_DATASET_CREATE), plist, what);
  check(H5Pset_chunk(dcpl.get(), 1, chunk), what);
  t.dataset_ = Handle::checked(
      H5Dcreate2(file_id, name.c_str(), type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      dataset, what);
  t.type_ = Handle::checked(H5Tcopy(type), datatype, what);
  t.row_size_ = H5Tget_size(type);
  return t;
}

Table Table::open(hid_t file_id, const std::string& name, hid_t type, const std::string& path) {
  Table t;
  t.what_ = "dataset /" + name + " of checkpoint '" + path + "'";
  const std::string what = "cannot open " + t.what_;
  const htri_t exists = H5Lexists(file_id, name.c_str(), H5P_DEFAULT);
  if (exists < 0) fail(what);
  if (exists == 0) throw Error::input("checkpoint '" + path + "' has no /" + name + " dataset");
  t.dataset_ = Handle::checked(H5Dopen2(file_id, name.c_str(), H5P_DEFAULT), dataset, what);
  t.type_ = Handle::checked(H5Tcopy(type), datatype, what);
  t.row_size_ = H5Tget_size(type);
  Handle space = Handle::checked(H5Dget_space(t.dataset_.get()), dataspace, what);
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  if (n < 0) fail(what);
  t.rows_ = static_cast<hsize_t>(n);
  return t;
}

void Table::append(const void* rows, std::size_t count) {
  if (count == 0) return;
  const std::string what = "cannot append to " + what_;
  const hsize_t extent[1] = {rows_ + count};
  check(H5Dset_extent(dataset_.get(), extent), what);
  rows_ += count;
  const hsize_t start[1] = {rows_ - count};
  const hsize_t n[1] = {count};
  Handle filespace = Handle::checked(H5Dget_space(dataset_.get()), dataspace, what);
  check(H5Sselect_hyperslab(filespace.get(), H5S_SELECT_SET, start, nullptr, n, nullptr), what);
  Handle memspace = Handle::checked(H5Screate_simple(1, n, nullptr), dataspace, what);
  check(H5Dwrite(dataset_.get(), type_.get(), memspace.get(), filespace.get(), H5P_DEFAULT, rows),
        what);
}

void Table::write(hsize_t index, const void* row) {
  const std::string what = "cannot write row " + std::to_string(index) + " of " + what_;
  if (index >= rows_) throw Error::internal(what + ": no such row");
  const hsize_t start[1] = {index};
  const hsize_t n[1] = {1};
  Handle filespace = Handle::checked(H5Dget_space(dataset_.get()), dataspace, what);
  check(H5Sselect_hyperslab(filespace.get(), H5S_SELECT_SET, start, nullptr, n, nullptr), what);
  Handle memspace = Handle::checked(H5Screate_simple(1, n, nullptr), dataspace, what);
  check(H5Dwrite(dataset_.get(), type_.get(), memspace.get(), filespace.get(), H5P_DEFAULT, row),
        what);
}

std::vector<std::byte> Table::read_all() const {
  std::vector<std::byte> out(rows_ * row_size_);
  if (rows_ == 0) return out;
  check(H5Dread(dataset_.get(), type_.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()),
        "cannot read " + what_);
  return out;
}

} // namespace hpsearch::h5
