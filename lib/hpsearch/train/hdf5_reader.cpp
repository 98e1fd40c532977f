#include "hpsearch/train/hdf5_reader.hpp"

#include "hpsearch/core/error.hpp"
#include "hpsearch/core/shape_text.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <hdf5.h>
#include <utility>
#include <vector>

namespace hpsearch::train {

namespace {

/// Turns off HDF5's printing of its error stack for this scope (we throw our own errors).
class QuietHdf5 {
public:
  QuietHdf5() noexcept : saved_(H5Eget_auto2(H5E_DEFAULT, &func_, &data_) >= 0) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~QuietHdf5() {
    if (saved_) H5Eset_auto2(H5E_DEFAULT, func_, data_);
  }
  QuietHdf5(const QuietHdf5&) = delete;
  QuietHdf5& operator=(const QuietHdf5&) = delete;

private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
  bool saved_;
};

/// Owns one HDF5 identifier and closes it with `close`.
class Id {
public:
  using Closer = herr_t (*)(hid_t);
  Id(hid_t id, Closer close) noexcept : id_(id), close_(close) {}
  ~Id() {
    if (id_ >= 0) close_(id_);
  }
  Id(Id&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)), close_(other.close_) {}
  Id& operator=(Id&&) = delete;
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

private:
  hid_t id_;
  Closer close_;
};

/// "float32", "int64", "uint8", "string", ...: the dtype as numpy would name it.
std::string dtype_name(hid_t type) {
  const std::string bits = std::to_string(8 * H5Tget_size(type));
  switch (H5Tget_class(type)) {
  case H5T_INTEGER:
    return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + bits;
  case H5T_FLOAT:
    return "float" + bits;
  case H5T_STRING:
    return "string";
  case H5T_COMPOUND:
    return "compound";
  case H5T_ENUM:
    return "enum";
  case H5T_ARRAY:
    return "array";
  case H5T_VLEN:
    return "variable-length";
  case H5T_BITFIELD:
    return "bitfield";
  case H5T_OPAQUE:
    return "opaque";
  case H5T_REFERENCE:
    return "reference";
  default:
    return "unknown";
  }
}

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* out) {
  auto& names = *static_cast<std::string*>(out);
  names += (names.empty() ? "" : ", ") + std::string(name);
  return 0;
}

/// One of X and y, opened, with its type class and shape.
struct Array {
  Id dataset;
  H5T_class_t type_class = H5T_NO_CLASS;
  std::string dtype;
  std::vector<hsize_t> dims;
};

class Hdf5Source {
public:
  explicit Hdf5Source(const std::string& file)
      : path_(file), file_(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose),
        x_(open("X", "the features [N, ...]")), y_(open("y", "an integer class label dataset")) {
    if (x_.type_class != H5T_INTEGER && x_.type_class != H5T_FLOAT) {
      throw Error::input(where("X") + " has dtype " + x_.dtype +
                         "; expected a numeric (integer or float) feature dataset");
    }
    if (x_.dims.size() < 2) {
      throw Error::input(where("X") + " has shape " + shape_text(x_.dims) +
                         "; expected rank >= 2: [examples, features...]");
    }
    if (y_.type_class != H5T_INTEGER) {
      throw Error::input(where("y") + " has dtype " + y_.dtype +
                         "; expected an integer class label " +
                         "dataset (cast the labels to an integer type, e.g. int64)");
    }
    if (y_.dims.size() != 1 && !(y_.dims.size() == 2 && y_.dims[1] == 1)) {
      throw Error::input(where("y") + " has shape " + shape_text(y_.dims) +
                         "; expected [N] or [N, 1]: one class label per example");
    }
    if (x_.dims[0] != y_.dims[0]) {
      throw Error::input("HDF5 data file '" + path_ + "': X has " + std::to_string(x_.dims[0]) +
                         " examples but y has " + std::to_string(y_.dims[0]) + " labels");
    }
    if (std::find(x_.dims.begin() + 1, x_.dims.end(), hsize_t{0}) != x_.dims.end()) {
      throw Error::input(where("X") + " has shape " + shape_text(x_.dims) +
                         "; expected non-empty samples");
    }
  }

  std::size_t count() const { return static_cast<std::size_t>(x_.dims[0]); }

  Dataset read() const {
    Dataset data;
    for (std::size_t i = 1; i < x_.dims.size(); ++i) {
      data.sample_shape.push_back(static_cast<std::int64_t>(x_.dims[i]));
    }
    data.features.resize(count() * data.feature_size());
    data.labels.resize(count());
    if (count() == 0) return data;
    if (H5Dread(x_.dataset.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                data.features.data()) < 0) {
      throw Error::input(where("X") + " cannot be read as float (dtype " + x_.dtype + ")");
    }
    if (H5Dread(y_.dataset.get(), H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                data.labels.data()) < 0) {
      throw Error::input(where("y") + " cannot be read as int64 (dtype " + y_.dtype + ")");
    }
    const auto [low, high] = std::minmax_element(data.labels.begin(), data.labels.end());
    if (*low < 0) {
      const auto at = static_cast<std::size_t>(low - data.labels.begin());
      throw Error::input(where("y") + " holds the negative label " + std::to_string(*low) +
                         " (example " + std::to_string(at) + "); expected class indices >= 0");
    }
    data.classes = *high + 1;
    return data;
  }

private:
  std::string where(const std::string& name) const {
    return "dataset '" + name + "' in HDF5 data file '" + path_ + "'";
  }

  static std::string shape_text(const std::vector<hsize_t>& dims) {
    return hpsearch::shape_text(std::vector<std::int64_t>(dims.begin(), dims.end()));
  }

  Array open(const std::string& name, const std::string& expected) const {
    if (!file_.valid()) {
      std::error_code ec;
      if (!std::filesystem::exists(path_, ec)) {
        throw Error::input("HDF5 data file '" + path_ + "' does not exist");
      }
      throw Error::input("cannot open '" + path_ + "' as an HDF5 file");
    }
    if (H5Lexists(file_.get(), name.c_str(), H5P_DEFAULT) <= 0) {
      std::string names;
      hsize_t index = 0;
      H5Literate(file_.get(), H5_INDEX_NAME, H5_ITER_INC, &index, collect_name, &names);
      throw Error::input("HDF5 data file '" + path_ + "' has no dataset '" + name + "' (" +
                         expected +
                         ") at its root; it holds: " + (names.empty() ? "nothing" : names));
    }
    Array array{Id(H5Dopen2(file_.get(), name.c_str(), H5P_DEFAULT), H5Dclose), {}, {}, {}};
    if (!array.dataset.valid()) throw Error::input(where(name) + " is not a dataset");
    const Id type(H5Dget_type(array.dataset.get()), H5Tclose);
    const Id space(H5Dget_space(array.dataset.get()), H5Sclose);
    const int rank = space.valid() ? H5Sget_simple_extent_ndims(space.get()) : -1;
    if (!type.valid() || rank < 0) throw Error::input(where(name) + " cannot be inspected");
    array.type_class = H5Tget_class(type.get());
    array.dtype = dtype_name(type.get());
    array.dims.resize(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), array.dims.data(), nullptr);
    return array;
  }

  QuietHdf5 quiet_; // first: errors stay quiet until every identifier below is closed
  std::string path_;
  Id file_;
  Array x_;
  Array y_;
};

} // namespace

Dataset read_hdf5(const std::string& file) {
  return Hdf5Source(file).read();
}

std::size_t probe_hdf5(const std::string& file) {
  return Hdf5Source(file).count();
}

} // namespace hpsearch::train
