#pragma once
// Byte datasets: 1-D, extendible, chunked uint8 datasets holding text (the /state slots
// and job logs, schema.hpp). Reading and writing byte ranges, growing geometrically.
// Internal to the store module.
#include "hpsearch/store/h5_handle.hpp"

#include <string>
#include <string_view>

namespace hpsearch::h5 {

/// Creates the empty dataset `name` (its group must exist) with chunks of `chunk` bytes.
Handle create_byte_dataset(hid_t file_id, const char* name, hsize_t chunk, const std::string& what);
/// Its extent in bytes.
hsize_t byte_extent(hid_t dataset, const std::string& what);
/// Reads `count` bytes from `offset` into `out`.
void read_bytes(hid_t dataset, hsize_t offset, hsize_t count, char* out, const std::string& what);
/// Writes `bytes` at `offset`, first growing the extent (by half again, in whole chunks of
/// `chunk` bytes) when they do not fit; `extent` is the dataset's extent, kept up to date.
void write_bytes(hid_t dataset, hsize_t offset, std::string_view bytes, hsize_t& extent,
                 hsize_t chunk, const std::string& what);

} // namespace hpsearch::h5
