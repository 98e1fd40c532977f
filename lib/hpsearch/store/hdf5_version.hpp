#pragma once
// The HDF5 library hpsearch runs with, for `hpsearch --version`.
#include <string>

namespace hpsearch {

/// "1.10.8": the library's version (H5get_libversion), which may differ from the headers'.
std::string hdf5_library_version();

} // namespace hpsearch
