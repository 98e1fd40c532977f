#pragma once
// Shared helpers for the train data tests: a temporary directory, writers for small IDX,
// HDF5 and CSV fixture files, and a check that an hpsearch::Error says what it should.
#include "hpsearch/core/error.hpp"
#include "temp_dir.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <hdf5.h>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>
#include <zlib.h>

namespace hpsearch::test {

/// Runs `f`, which must throw an hpsearch::Error (bad input) whose message holds every
/// fragment.
template <class F> void expect_error(F&& f, std::initializer_list<std::string> fragments) {
  try {
    f();
    ADD_FAILURE() << "expected an hpsearch::Error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::bad_input);
    for (const std::string& fragment : fragments) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos)
          << "message: " << e.what() << "\nexpected fragment: " << fragment;
    }
  }
}

/// An IDX file of unsigned bytes: magic 00 00 08 <rank>, big-endian dims, then `data`.
inline std::vector<unsigned char> idx_bytes(const std::vector<std::uint32_t>& dims,
                                            const std::vector<unsigned char>& data) {
  std::vector<unsigned char> out{0, 0, 0x08, static_cast<unsigned char>(dims.size())};
  for (const std::uint32_t d : dims) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.push_back(static_cast<unsigned char>((d >> static_cast<unsigned>(shift)) & 0xFFU));
    }
  }
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

/// Writes `bytes` to `path`, gzip-compressed when `gzip`.
inline void write_bytes(const std::string& path, const std::vector<unsigned char>& bytes,
                        bool gzip = false) {
  if (gzip) {
    gzFile file = gzopen(path.c_str(), "wb");
    ASSERT_NE(file, nullptr);
    ASSERT_EQ(gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size())),
              static_cast<int>(bytes.size()));
    ASSERT_EQ(gzclose(file), Z_OK);
    return;
  }
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good());
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  ASSERT_TRUE(out.good());
}

/// Adds dataset `name` of shape `dims` to the HDF5 file `file`, stored as `file_type`
/// from `data` in memory type `mem_type`.
inline void write_h5_dataset(hid_t file, const std::string& name, const std::vector<hsize_t>& dims,
                             hid_t file_type, hid_t mem_type, const void* data) {
  const hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
  ASSERT_GE(space, 0);
  const hid_t set =
      H5Dcreate2(file, name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(set, 0);
  ASSERT_GE(H5Dwrite(set, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), 0);
  H5Dclose(set);
  H5Sclose(space);
}

/// A new (truncated) HDF5 file; close with H5Fclose.
inline hid_t create_h5(const std::string& path) {
  return H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
}

} // namespace hpsearch::test
