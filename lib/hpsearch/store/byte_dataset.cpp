#include "hpsearch/store/byte_dataset.hpp"

#include "hpsearch/store/h5_error.hpp"

namespace hpsearch::h5 {

Handle create_byte_dataset(hid_t file_id, const char* name, hsize_t chunk,
                           const std::string& what) {
  const hsize_t dims[1] = {0};
  const hsize_t max_dims[1] = {H5S_UNLIMITED};
  const hsize_t chunks[1] = {chunk};
  Handle space = Handle::checked(H5Screate_simple(1, dims, max_dims), dataspace, what);
  Handle dcpl = Handle::checked(H5Pcreate(H5P_DATASET_CREATE), plist, what);
  check(H5Pset_chunk(dcpl.get(), 1, chunks), what);
  return Handle::checked(H5Dcreate2(file_id, name, H5T_NATIVE_UINT8, space.get(), H5P_DEFAULT,
                                    dcpl.get(), H5P_DEFAULT),
                         dataset, what);
}

hsize_t byte_extent(hid_t ds, const std::string& what) {
  Handle space = Handle::checked(H5Dget_space(ds), dataspace, what);
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  if (n < 0) fail(what);
  return static_cast<hsize_t>(n);
}

void read_bytes(hid_t ds, hsize_t offset, hsize_t count, char* out, const std::string& what) {
  if (count == 0) return;
  Handle filespace = Handle::checked(H5Dget_space(ds), dataspace, what);
  const hsize_t start[1] = {offset};
  const hsize_t n[1] = {count};
  check(H5Sselect_hyperslab(filespace.get(), H5S_SELECT_SET, start, nullptr, n, nullptr), what);
  Handle memspace = Handle::checked(H5Screate_simple(1, n, nullptr), dataspace, what);
  check(H5Dread(ds, H5T_NATIVE_UINT8, memspace.get(), filespace.get(), H5P_DEFAULT, out), what);
}

void write_bytes(hid_t ds, hsize_t offset, std::string_view bytes, hsize_t& extent, hsize_t chunk,
                 const std::string& what) {
  if (bytes.empty()) return;
  const hsize_t end = offset + bytes.size();
  if (end > extent) {
    const hsize_t grown[1] = {(end + end / 2 + chunk - 1) / chunk * chunk};
    check(H5Dset_extent(ds, grown), what);
    extent = grown[0];
  }
  Handle filespace = Handle::checked(H5Dget_space(ds), dataspace, what);
  const hsize_t start[1] = {offset};
  const hsize_t n[1] = {bytes.size()};
  check(H5Sselect_hyperslab(filespace.get(), H5S_SELECT_SET, start, nullptr, n, nullptr), what);
  Handle memspace = Handle::checked(H5Screate_simple(1, n, nullptr), dataspace, what);
  check(H5Dwrite(ds, H5T_NATIVE_UINT8, memspace.get(), filespace.get(), H5P_DEFAULT, bytes.data()),
        what);
}

} // namespace hpsearch::h5
