#include "hpsearch/store/h5_attribute.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/store/h5_error.hpp"
#include "hpsearch/store/h5_handle.hpp"

namespace hpsearch::h5 {

namespace {

std::string writing(const std::string& name, const std::string& where) {
  return "cannot write attribute '" + name + "' of '" + where + "'";
}
std::string reading(const std::string& name, const std::string& where) {
  return "cannot read attribute '" + name + "' of '" + where + "'";
}

Handle vl_string_type(const std::string& what) {
  Handle type = Handle::checked(H5Tcopy(H5T_C_S1), datatype, what);
  check(H5Tset_size(type.get(), H5T_VARIABLE), what);
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), what);
  return type;
}

void write_raw(hid_t obj, const std::string& name, hid_t type, const Handle& space,
               const void* data, const std::string& what) {
  Handle attr = Handle::checked(
      H5Acreate2(obj, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT), attribute, what);
  check(H5Awrite(attr.get(), type, data), what);
  attr.close(what);
}

Handle scalar_space(const std::string& what) {
  return Handle::checked(H5Screate(H5S_SCALAR), dataspace, what);
}

Handle vector_space(std::size_t n, const std::string& what) {
  const hsize_t dims[1] = {n};
  return Handle::checked(H5Screate_simple(1, dims, nullptr), dataspace, what);
}

struct Opened {
  Handle attr;
  Handle type;
  hsize_t count = 1;
};

Opened open_attribute(hid_t obj, const std::string& name, H5T_class_t expected,
                      const std::string& where) {
  const std::string what = reading(name, where);
  const htri_t exists = H5Aexists(obj, name.c_str());
  if (exists < 0) fail(what);
  if (exists == 0) throw Error::input(what + ": the attribute is missing");
  Opened o;
  o.attr = Handle::checked(H5Aopen(obj, name.c_str(), H5P_DEFAULT), attribute, what);
  o.type = Handle::checked(H5Aget_type(o.attr.get()), datatype, what);
  if (H5Tget_class(o.type.get()) != expected) {
    throw Error::input(what + ": it has an unexpected type class");
  }
  Handle space = Handle::checked(H5Aget_space(o.attr.get()), dataspace, what);
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  if (n < 0) fail(what);
  o.count = static_cast<hsize_t>(n);
  return o;
}

template <class T>
T read_scalar(hid_t obj, const std::string& name, hid_t memtype, const std::string& where) {
  Opened o = open_attribute(obj, name, H5T_INTEGER, where);
  const std::string what = reading(name, where);
  if (o.count != 1) throw Error::input(what + ": expected a single value");
  T value{};
  check(H5Aread(o.attr.get(), memtype, &value), what);
  return value;
}

} // namespace

void write_attribute(hid_t obj, const std::string& name, std::int32_t value,
                     const std::string& where) {
  const std::string what = writing(name, where);
  write_raw(obj, name, H5T_NATIVE_INT32, scalar_space(what), &value, what);
}

void write_attribute(hid_t obj, const std::string& name, std::uint64_t value,
                     const std::string& where) {
  const std::string what = writing(name, where);
  write_raw(obj, name, H5T_NATIVE_UINT64, scalar_space(what), &value, what);
}

void write_attribute(hid_t obj, const std::string& name, const std::string& value,
                     const std::string& where) {
  const std::string what = writing(name, where);
  const Handle type = vl_string_type(what);
  const char* data = value.c_str();
  write_raw(obj, name, type.get(), scalar_space(what), &data, what);
}

void write_attribute(hid_t obj, const std::string& name, const std::vector<std::string>& values,
                     const std::string& where) {
  const std::string what = writing(name, where);
  const Handle type = vl_string_type(what);
  std::vector<const char*> data;
  data.reserve(values.size());
  for (const auto& v : values) data.push_back(v.c_str());
  write_raw(obj, name, type.get(), vector_space(values.size(), what), data.data(), what);
}

void write_attribute(hid_t obj, const std::string& name, const std::vector<std::int8_t>& values,
                     const std::string& where) {
  const std::string what = writing(name, where);
  write_raw(obj, name, H5T_NATIVE_INT8, vector_space(values.size(), what), values.data(), what);
}

bool has_attribute(hid_t obj, const std::string& name, const std::string& where) {
  const htri_t exists = H5Aexists(obj, name.c_str());
  if (exists < 0) fail(reading(name, where));
  return exists > 0;
}

std::int64_t read_int_attribute(hid_t obj, const std::string& name, const std::string& where) {
  return read_scalar<std::int64_t>(obj, name, H5T_NATIVE_INT64, where);
}

std::uint64_t read_uint_attribute(hid_t obj, const std::string& name, const std::string& where) {
  return read_scalar<std::uint64_t>(obj, name, H5T_NATIVE_UINT64, where);
}

std::string read_string_attribute(hid_t obj, const std::string& name, const std::string& where) {
  auto values = read_strings_attribute(obj, name, where);
  if (values.size() != 1) throw Error::input(reading(name, where) + ": expected a single string");
  return std::move(values.front());
}

std::vector<std::string> read_strings_attribute(hid_t obj, const std::string& name,
                                                const std::string& where) {
  Opened o = open_attribute(obj, name, H5T_STRING, where);
  const std::string what = reading(name, where);
  const htri_t variable = H5Tis_variable_str(o.type.get());
  if (variable < 0) fail(what);
  // Read in the file's own string type (same cset and padding): no conversion needed.
  std::vector<std::string> out;
  out.reserve(o.count);
  if (variable > 0) {
    std::vector<char*> data(o.count, nullptr);
    check(H5Aread(o.attr.get(), o.type.get(), data.data()), what);
    for (char* s : data) out.emplace_back(s != nullptr ? s : "");
    Handle space = Handle::checked(H5Aget_space(o.attr.get()), dataspace, what);
    check(H5Dvlen_reclaim(o.type.get(), space.get(), H5P_DEFAULT, data.data()), what);
  } else {
    const std::size_t size = H5Tget_size(o.type.get());
    if (size == 0) fail(what);
    std::vector<char> data(o.count * size);
    check(H5Aread(o.attr.get(), o.type.get(), data.data()), what);
    for (std::size_t i = 0; i < o.count; ++i) {
      const char* s = data.data() + i * size;
      std::size_t len = 0;
      while (len < size && s[len] != '\0') ++len;
      out.emplace_back(s, len);
    }
  }
  return out;
}

std::vector<std::int8_t> read_int8s_attribute(hid_t obj, const std::string& name,
                                              const std::string& where) {
  Opened o = open_attribute(obj, name, H5T_INTEGER, where);
  std::vector<std::int8_t> out(o.count);
  check(H5Aread(o.attr.get(), H5T_NATIVE_INT8, out.data()), reading(name, where));
  return out;
}

} // namespace hpsearch::h5
