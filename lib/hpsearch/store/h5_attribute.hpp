#pragma once
// Attributes on an HDF5 object (file root or dataset): scalar numbers, strings and 1-D
// arrays. Strings are written as variable-length UTF-8 (h5py reads them as str) and read
// back whether fixed- or variable-length. `where` names the file in error messages.
// Internal to the store module.
#include <cstdint>
#include <hdf5.h>
#include <string>
#include <vector>

namespace hpsearch::h5 {

void write_attribute(hid_t obj, const std::string& name, std::int32_t value,
                     const std::string& where);
void write_attribute(hid_t obj, const std::string& name, std::uint64_t value,
                     const std::string& where);
void write_attribute(hid_t obj, const std::string& name, const std::string& value,
                     const std::string& where);
void write_attribute(hid_t obj, const std::string& name, const std::vector<std::string>& values,
                     const std::string& where);
void write_attribute(hid_t obj, const std::string& name, const std::vector<std::int8_t>& values,
                     const std::string& where);

bool has_attribute(hid_t obj, const std::string& name, const std::string& where);

/// Readers throw hpsearch::Error naming the attribute and `where` when it is missing or
/// has another type class.
std::int64_t read_int_attribute(hid_t obj, const std::string& name, const std::string& where);
std::uint64_t read_uint_attribute(hid_t obj, const std::string& name, const std::string& where);
std::string read_string_attribute(hid_t obj, const std::string& name, const std::string& where);
std::vector<std::string> read_strings_attribute(hid_t obj, const std::string& name,
                                                const std::string& where);
std::vector<std::int8_t> read_int8s_attribute(hid_t obj, const std::string& name,
                                              const std::string& where);

} // namespace hpsearch::h5
