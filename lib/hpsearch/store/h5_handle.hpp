#pragma once
// Handle: a move-only owner of one HDF5 identifier (file, dataset, dataspace, datatype,
// property list, attribute) together with the function that closes it. The destructor
// never throws; close() reports a failure as hpsearch::Error. Internal to the store module.
#include <hdf5.h>
#include <string>

namespace hpsearch::h5 {

class Handle {
public:
  using Closer = herr_t (*)(hid_t);

  Handle() = default;
  /// Takes ownership of `id` (which must be valid) and closes it with `closer`.
  Handle(hid_t id, Closer closer) noexcept : id_(id), close_(closer) {}
  ~Handle();

  Handle(Handle&& other) noexcept;
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  /// Owns `id` if it is valid; otherwise throws via h5::fail(what).
  static Handle checked(hid_t id, Closer closer, const std::string& what);

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

  /// Closes now; throws hpsearch::Error (naming `what`) when HDF5 reports a failure.
  void close(const std::string& what);

private:
  void reset() noexcept;

  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

// Short names for the closers, so call sites read Handle::checked(H5Dopen2(...), dataset, ..).
inline constexpr Handle::Closer file = H5Fclose;
inline constexpr Handle::Closer dataset = H5Dclose;
inline constexpr Handle::Closer dataspace = H5Sclose;
inline constexpr Handle::Closer datatype = H5Tclose;
inline constexpr Handle::Closer plist = H5Pclose;
inline constexpr Handle::Closer attribute = H5Aclose;

} // namespace hpsearch::h5
